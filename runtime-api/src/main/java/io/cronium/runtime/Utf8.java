package io.cronium.runtime;

import java.nio.charset.StandardCharsets;

/** Cutting UTF-8 text by size without splitting a character. */
final class Utf8 {

    private Utf8() {
    }

    /** The longest prefix of {@code bytes} that fits in {@code maxBytes} and ends on a character boundary. */
    static String head(byte[] bytes, int maxBytes) {
        int end = Math.min(bytes.length, maxBytes);
        // Continuation bytes look like 10xxxxxx; back up to the start of the character that was cut.
        if (end < bytes.length) {
            while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
                end--;
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    static String head(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= maxBytes ? text : head(bytes, maxBytes);
    }
}
