package io.cronium.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An output too large for the termination message, as marked log lines
 * {@code ::cronium-output:: <seq>/<total> <base64>}. Each line stays far below the 16 KiB at which
 * container runtimes split a log line into partial lines, which a single result line did not.
 */
final class OutputChunks {

    static final String MARKER = "::cronium-output::";
    /** Raw bytes per line: 5,464 characters of base64, a third of the runtimes' split size. */
    static final int CHUNK_BYTES = 4096;

    private OutputChunks() {
    }

    /** The lines carrying {@code output}'s JSON, numbered from 1. */
    static List<String> lines(JsonNode output) {
        byte[] json = toBytes(output);
        int total = (json.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        List<String> lines = new ArrayList<>(total);
        for (int seq = 1; seq <= total; seq++) {
            byte[] chunk = Arrays.copyOfRange(json, (seq - 1) * CHUNK_BYTES, Math.min(json.length, seq * CHUNK_BYTES));
            lines.add(MARKER + " " + seq + "/" + total + " " + Base64.getEncoder().encodeToString(chunk));
        }
        return lines;
    }

    private static byte[] toBytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
