package io.cronium.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An output too large for the termination message, as log lines
 * {@code ::cronium-output:: <seq>/<total> <base64>} right before the result line. Each line stays
 * far below the 16 KiB at which container runtimes split a log line into partial lines, which a
 * single result line did not. Runtimes may still split any line where their read buffer ends
 * (conmon reads 8 KiB at a time), so the reader joins the chunks with line breaks dropped: base64
 * never contains the marker or a line break.
 */
public final class OutputChunks {

    public static final String MARKER = "::cronium-output::";
    /** Raw bytes per line: 5,464 characters of base64, a third of the runtimes' split size. */
    static final int CHUNK_BYTES = 4096;
    /** A result's whole output: more chunks than this are not runtime-api's. */
    public static final int MAX_CHUNKS = RunResult.MAX_OUTPUT_BYTES / CHUNK_BYTES;
    /** The most bytes the chunk lines of one output take in a log, line breaks included. */
    public static final int MAX_LOG_BYTES =
            MAX_CHUNKS * (header(MAX_CHUNKS, MAX_CHUNKS).length() + 4 * ((CHUNK_BYTES + 2) / 3) + 1);

    private OutputChunks() {
    }

    /** The lines carrying {@code output}'s JSON, numbered from 1. */
    public static List<String> encode(JsonNode output) {
        byte[] json = WireJson.bytes(output);
        int total = (json.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        List<String> lines = new ArrayList<>(total);
        for (int seq = 1; seq <= total; seq++) {
            byte[] chunk = Arrays.copyOfRange(json, (seq - 1) * CHUNK_BYTES, Math.min(json.length, seq * CHUNK_BYTES));
            lines.add(header(seq, total) + Base64.getEncoder().encodeToString(chunk));
        }
        return lines;
    }

    /**
     * The output carried by the {@code total} chunks at the end of {@code logBeforeResult}.
     * Reading starts at the last first chunk, so a script printing the marker earlier changes
     * nothing.
     *
     * @throws UnreadableOutputException naming the first chunk that is missing, misplaced or broken
     */
    public static JsonNode decode(String logBeforeResult, int total) {
        if (total < 1 || total > MAX_CHUNKS) {
            throw new UnreadableOutputException(
                    "the result announces " + total + " output chunks, not 1 to " + MAX_CHUNKS);
        }
        String unbroken = logBeforeResult.replaceAll("[\\r\\n]", "");
        int first = unbroken.lastIndexOf(header(1, total));
        String joined = first < 0 ? "" : unbroken.substring(first);
        String[] chunks = joined.split(MARKER + " ", -1);
        ByteArrayOutputStream json = new ByteArrayOutputStream(total * CHUNK_BYTES);
        for (int seq = 1; seq <= total; seq++) {
            // chunks[0] is the empty text before the first marker.
            String chunk = seq < chunks.length ? MARKER + " " + chunks[seq] : "";
            json.writeBytes(chunkBytes(chunk, seq, total));
        }
        if (chunks.length > total + 1) {
            throw new UnreadableOutputException("the log holds more than " + total + " output chunks");
        }
        try {
            return WireJson.MAPPER.readTree(json.toByteArray());
        } catch (IOException e) {
            throw new UnreadableOutputException("the reassembled output is not JSON");
        }
    }

    /** Where the chunks begin in a log, or -1: what follows is not the script's. */
    static int start(String log) {
        return log.lastIndexOf(MARKER + " 1/");
    }

    private static String header(int seq, int total) {
        return MARKER + " " + seq + "/" + total + " ";
    }

    private static byte[] chunkBytes(String line, int seq, int total) {
        String expected = header(seq, total);
        if (!line.startsWith(expected)) {
            throw new UnreadableOutputException(
                    "output chunk " + seq + " of " + total + " is missing or out of order in the log");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(line.substring(expected.length()).strip());
            if (bytes.length > CHUNK_BYTES) {
                throw new UnreadableOutputException("output chunk " + seq + " of " + total + " is too long");
            }
            return bytes;
        } catch (IllegalArgumentException notBase64) {
            throw new UnreadableOutputException("output chunk " + seq + " of " + total + " is not base64");
        }
    }
}
