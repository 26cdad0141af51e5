package io.cronium.contract;

import java.nio.charset.StandardCharsets;

/**
 * A result printed to the log: {@code ::cronium-result::<JSON>}, the very last line runtime-api
 * prints, used when the result does not fit the termination message.
 */
public final class ResultLine {

    public static final String MARKER = "::cronium-result::";

    private ResultLine() {
    }

    public static String of(RunResult result) {
        return MARKER + new String(result.toJson(), StandardCharsets.UTF_8);
    }

    /** Where the last result line of {@code log} begins, or -1. */
    static int lastIn(String log) {
        return log.lastIndexOf(MARKER);
    }

    /** The result's JSON on the line that begins at {@code start}. */
    static String jsonAt(String log, int start) {
        int end = log.indexOf('\n', start);
        return log.substring(start + MARKER.length(), end < 0 ? log.length() : end);
    }
}
