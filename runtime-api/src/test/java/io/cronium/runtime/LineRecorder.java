package io.cronium.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An output stream for the launcher under test that records each complete line as it arrives. */
final class LineRecorder extends OutputStream {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();

    PrintStream printStream() {
        return new PrintStream(this, false, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String line = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            lines.add(line);
            arrivals.add(line);
        } else {
            pending.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    String text() {
        return String.join("\n", lines());
    }

    /** The next complete line, or null when none arrived within the timeout. */
    String awaitLine(long timeout, TimeUnit unit) throws InterruptedException {
        return arrivals.poll(timeout, unit);
    }
}
