package io.cronium.runtime;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The launcher's own messages: one line each, prefixed so they stand apart from the script's. */
final class Console {

    static final String PREFIX = "cronium: ";

    private Console() {
    }

    static void line(PrintStream stream, String message) {
        raw(stream, PREFIX + message);
    }

    /** Writes a line as is, whole and flushed, without interleaving with forwarded lines. */
    static void raw(PrintStream stream, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (stream) {
            stream.write(bytes, 0, bytes.length);
            stream.flush();
        }
    }
}
