package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The result in the termination message and in the log, pinned by the golden files. */
class ResultGoldenTest {

    private static final RunResult SMALL = new RunResult(0,
            Optional.of(JsonNodeFactory.instance.objectNode().put("greeting", "hi")), Optional.of(true),
            Map.of("counter", IntNode.valueOf(3)), Set.of("stale"), false, null, false, false, 0);

    /** Its output's JSON is 9,011 bytes: three chunks, the first cut inside an "é". */
    private static final JsonNode LARGE_OUTPUT = JsonNodeFactory.instance.objectNode().put("text", "é".repeat(4500));
    private static final RunResult LARGE = new RunResult(0, Optional.of(LARGE_OUTPUT), Optional.of(true),
            Map.of("counter", IntNode.valueOf(3)), Set.of(), false, null, false, false, 0);

    @Test
    void aSmallResultIsTheTerminationMessageByteForByte() {
        ResultReport report = ResultReport.of(SMALL);

        assertEquals(Golden.text("result-termination-message.json"), report.terminationMessage());
        assertEquals(0, report.logLines().size(), "nothing extra in the log");
    }

    @Test
    void aSmallResultReadsBackFromTheTerminationMessage() {
        ReceivedResult received = ReceivedResult.read(Golden.text("result-termination-message.json"), Optional.empty())
                .orElseThrow();

        assertEquals(new ReceivedResult(SMALL, Optional.empty(), false), received);
    }

    @Test
    void aLargeResultIsChunkLinesAndAResultLineByteForByte() {
        ResultReport report = ResultReport.of(LARGE);

        assertEquals(Golden.text("result-in-log/termination-message.json"), report.terminationMessage());
        assertEquals(Golden.text("result-in-log/log.txt"), String.join("\n", report.logLines()) + "\n");
        assertTrue(report.terminationMessage().getBytes(StandardCharsets.UTF_8).length
                <= RunResult.TERMINATION_MESSAGE_LIMIT);
    }

    @Test
    void aLargeResultReadsBackWholeFromTheLog() {
        String log = "the script's line\n" + Golden.text("result-in-log/log.txt");

        ReceivedResult received = ReceivedResult.read(Golden.text("result-in-log/termination-message.json"),
                Optional.of(log)).orElseThrow();

        assertEquals(new ReceivedResult(LARGE.inLog().withOutputInChunks(3).withOutput(LARGE_OUTPUT), Optional.empty(), false),
                received);
    }
}
