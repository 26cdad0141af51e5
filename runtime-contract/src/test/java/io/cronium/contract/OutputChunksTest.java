package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputChunksTest {

    private static final JsonNode OUTPUT = JsonNodeFactory.instance.objectNode().put("big", "x".repeat(9000));

    @Test
    void theLargestOutputsChunkLinesFitInMaxLogBytes() {
        JsonNode largest = JsonNodeFactory.instance.objectNode().put("t", "x".repeat(RunResult.MAX_OUTPUT_BYTES - 10));

        long bytes = OutputChunks.encode(largest).stream()
                .mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1)
                .sum();

        assertTrue(bytes <= OutputChunks.MAX_LOG_BYTES, bytes + " > " + OutputChunks.MAX_LOG_BYTES);
        assertTrue(bytes > OutputChunks.MAX_LOG_BYTES - 4096, "the bound is tight: " + bytes);
    }

    @Test
    void chunksAreNumberedBoundedLinesThatJoinToTheJson() throws Exception {
        JsonNode output = JsonNodeFactory.instance.objectNode().put("t", "é".repeat(RunResult.MAX_OUTPUT_BYTES / 2 - 10));
        byte[] json = WireJson.bytes(output);

        List<String> lines = OutputChunks.encode(output);

        assertEquals(OutputChunks.MAX_CHUNKS, lines.size(), "1 MiB of output is the most chunks there are");
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(" ");
            assertEquals(OutputChunks.MARKER, parts[0]);
            assertEquals((i + 1) + "/" + lines.size(), parts[1]);
            assertTrue(lines.get(i).length() < 8 * 1024, "far below the runtimes' 16 KiB line split");
            joined.write(Base64.getDecoder().decode(parts[2]));
        }
        assertArrayEquals(json, joined.toByteArray());
        assertEquals(output, OutputChunks.decode(String.join("\n", lines) + "\n", lines.size()));
    }

    @Test
    void readingStartsAtTheLastFirstChunk() {
        String spoofed = OutputChunks.MARKER + " 1/3 printed by the script\n";

        assertEquals(OUTPUT, OutputChunks.decode(spoofed + chunks(OUTPUT), 3));
    }

    @Test
    void lineBreaksInsideChunksAreDropped() {
        String split = chunks(OUTPUT).replaceAll("(.{1000})", "$1\n").replace("\n", "\r\n");

        assertEquals(OUTPUT, OutputChunks.decode(split, 3));
    }

    @Test
    void aMissingChunkIsNamed() {
        String all = chunks(OUTPUT);
        String withoutFirst = all.substring(all.indexOf('\n') + 1);

        assertEquals("output chunk 1 of 3 is missing or out of order in the log", reason(withoutFirst, 3));
        assertEquals("output chunk 3 of 3 is missing or out of order in the log",
                reason(all.substring(0, all.lastIndexOf(OutputChunks.MARKER)), 3));
    }

    @Test
    void outOfOrderChunksAreRefusedNotMisassembled() {
        String[] lines = chunks(OUTPUT).split("\n");

        assertEquals("output chunk 2 of 3 is missing or out of order in the log",
                reason(lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n", 3));
    }

    @Test
    void brokenChunksAndAbsurdCountsAreReasonsNotCrashes() {
        assertEquals("output chunk 1 of 1 is not base64", reason(OutputChunks.MARKER + " 1/1 eyJh*\n", 1));
        assertEquals("the result announces 100000 output chunks, not 1 to 256", reason("", 100000));
        assertEquals("the result announces 0 output chunks, not 1 to 256", reason("", 0));
        assertEquals("the reassembled output is not JSON",
                reason(OutputChunks.MARKER + " 1/1 " + base64("{\"a\":") + "\n", 1));
        assertEquals("the log holds more than 1 output chunks",
                reason(OutputChunks.MARKER + " 1/1 " + base64("{}") + "\n" + OutputChunks.MARKER + " 2/1 e30=\n", 1));
    }

    private static String chunks(JsonNode output) {
        return String.join("\n", OutputChunks.encode(output)) + "\n";
    }

    private static String reason(String log, int total) {
        return assertThrows(UnreadableOutputException.class, () -> OutputChunks.decode(log, total)).getMessage();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
