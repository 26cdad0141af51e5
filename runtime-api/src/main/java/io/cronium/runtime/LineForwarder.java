package io.cronium.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Copies a child's output stream to ours one complete line at a time and flushes each, so that
 * {@code kubectl logs -f} shows lines as they are printed, lines of stdout and stderr never
 * interleave mid-line, and a secret printed in two writes is masked whole ({@link SecretMask}).
 * Bytes are passed through untouched (no charset decoding).
 */
final class LineForwarder implements Runnable {

    /** A "line" longer than this is passed on in pieces, so memory stays bounded. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream source;
    private final PrintStream target;
    private final int overlap;

    /**
     * @param overlap bytes of a line too long to pass on whole that are held back for the next
     *     piece, so a masked value cut by the piece boundary still arrives whole in one write
     */
    LineForwarder(InputStream source, PrintStream target, int overlap) {
        this.source = source;
        this.target = target;
        this.overlap = Math.min(overlap, MAX_LINE_BYTES / 2);
    }

    static Thread start(String name, InputStream source, PrintStream target, int overlap) {
        Thread thread = new Thread(new LineForwarder(source, target, overlap), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        byte[] line = new byte[MAX_LINE_BYTES];
        byte[] chunk = new byte[8192];
        int length = 0;
        try (source) {
            for (int n; (n = source.read(chunk)) != -1; ) {
                for (int i = 0; i < n; i++) {
                    line[length++] = chunk[i];
                    if (chunk[i] == '\n') {
                        emit(line, length);
                        length = 0;
                    } else if (length == line.length) {
                        emit(line, length - overlap);
                        System.arraycopy(line, length - overlap, line, 0, overlap);
                        length = overlap;
                    }
                }
            }
        } catch (IOException e) {
            // The child's pipe broke (e.g. the process tree was killed); nothing more will arrive.
        }
        if (length > 0) {
            // A last line without a newline still ends a line here, so whatever we print next
            // (such as the result marker) starts on a line of its own.
            line[length] = '\n';
            emit(line, length + 1);
        }
    }

    private void emit(byte[] bytes, int length) {
        synchronized (target) {
            target.write(bytes, 0, length);
            target.flush();
        }
    }
}
