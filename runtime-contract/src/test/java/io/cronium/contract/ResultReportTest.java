package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResultReportTest {

    @Test
    void aResultJustOverTheLimitGoesToTheLog() throws Exception {
        JsonNode output = JsonNodeFactory.instance.objectNode().put("t", "x".repeat(RunResult.TERMINATION_MESSAGE_LIMIT));
        RunResult result = new RunResult(0, Optional.of(output), Optional.empty(), Map.of("k", IntNode.valueOf(1)), Set.of("gone"),
                false, null, false, false, 0);

        ResultReport report = ResultReport.of(result);

        JsonNode message = WireJson.MAPPER.readTree(report.terminationMessage());
        assertTrue(message.get("resultInLog").booleanValue());
        assertFalse(message.has("output"));
        assertFalse(message.has("variables"));
        assertFalse(message.has("deletedVariables"), "deletions travel with the writes, never without them");
        List<String> lines = report.logLines();
        assertEquals(3, lines.size(), "two chunk lines, then the result line");
        assertTrue(lines.get(0).startsWith(OutputChunks.MARKER + " 1/2 "));
        assertTrue(lines.get(2).startsWith(ResultLine.MARKER));
        JsonNode inLog = WireJson.MAPPER.readTree(lines.get(2).substring(ResultLine.MARKER.length()));
        assertFalse(inLog.has("output"));
        assertEquals(1, inLog.at("/variables/k").intValue());
        assertEquals("gone", inLog.at("/deletedVariables/0").asText());
        assertEquals(2, inLog.get("outputChunks").intValue());
    }

    @Test
    void aResultWithoutOutputThatIsTooLargeStillEndsWithTheResultLine() {
        RunResult result = new RunResult(1, Optional.empty(), Optional.empty(),
                Map.of("big", JsonNodeFactory.instance.textNode("v".repeat(5000))), Set.of(), false, null, false, false, 0);

        ResultReport report = ResultReport.of(result);

        assertEquals(List.of(ResultLine.of(result.inLog())), report.logLines());
        assertTrue(report.terminationMessage().getBytes(StandardCharsets.UTF_8).length <= RunResult.TERMINATION_MESSAGE_LIMIT);
    }

    @Test
    void theLargestOutputTravelsWhole() {
        JsonNode output = JsonNodeFactory.instance.objectNode().put("t", "€".repeat(RunResult.MAX_OUTPUT_BYTES / 3 - 10));
        RunResult result = new RunResult(0, Optional.of(output), Optional.of(false), Map.of(), Set.of(), false, null, false, false, 0);

        ResultReport report = ResultReport.of(result);
        String log = String.join("\n", report.logLines()) + "\n";
        ReceivedResult received = ReceivedResult.read(report.terminationMessage(), Optional.of(log)).orElseThrow();

        assertEquals(Optional.empty(), received.outputLost());
        assertEquals(Optional.of(output), received.result().output());
        assertEquals(OutputChunks.MAX_CHUNKS, received.result().outputChunks());
    }
}
