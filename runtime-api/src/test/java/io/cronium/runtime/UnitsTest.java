package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cronium.contract.ResultReport;
import io.cronium.contract.RunResult;
import io.cronium.contract.WireJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's pure parts: output shaping, writing the result, line splitting. */
class UnitsTest {

    @TempDir
    Path tmp;

    @Test
    void outputWrapsScalarsAndKeepsContainers() {
        assertEquals("{\"value\":42}", ResultOutput.of(IntNode.valueOf(42)).value().toString());
        assertEquals("{\"value\":null}", ResultOutput.of(NullNode.getInstance()).value().toString());
        assertEquals("[1]", ResultOutput.of(WireJson.MAPPER.createArrayNode().add(1)).value().toString());
        assertFalse(ResultOutput.of(TextNode.valueOf("x".repeat(RunResult.MAX_OUTPUT_BYTES - 20))).truncated());
    }

    @Test
    void utf8HeadNeverSplitsACharacter() {
        byte[] bytes = "aé€".getBytes(StandardCharsets.UTF_8);

        assertEquals("a", Utf8.head(bytes, 2), "é needs two bytes");
        assertEquals("aé", Utf8.head(bytes, 4), "€ needs three bytes");
        assertEquals("aé€", Utf8.head(bytes, 6));
    }

    @Test
    void aResultThatFitsIsOnlyTheTerminationMessage() throws Exception {
        Path message = tmp.resolve("termination-log");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult result = new RunResult(0, Optional.of(WireJson.MAPPER.readTree("{\"greeting\":\"hi\"}")), Optional.of(true),
                Map.of("counter", IntNode.valueOf(3)), Set.of(), false, null, false, false, 0);

        new ResultWriter(message, new PrintStream(out), new PrintStream(new ByteArrayOutputStream())).write(result);

        assertEquals(ResultReport.of(result).terminationMessage(), Files.readString(message));
        assertEquals(0, out.size(), "nothing extra in the log");
    }

    @Test
    void aLargeResultPrintsItsLogLinesAndWritesWhatFitsTheMessage() throws Exception {
        Path message = tmp.resolve("termination-log");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String filler = "x".repeat(RunResult.TERMINATION_MESSAGE_LIMIT);
        RunResult result = new RunResult(0, Optional.of(WireJson.MAPPER.createObjectNode().put("t", filler)), Optional.empty(),
                Map.of(), Set.of(), false, null, false, false, 0);

        new ResultWriter(message, new PrintStream(out), new PrintStream(new ByteArrayOutputStream())).write(result);

        ResultReport report = ResultReport.of(result);
        assertEquals(report.terminationMessage(), Files.readString(message));
        assertEquals(report.logLines(), out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void truncatedOutputFitsTheLimitEvenWhenQuotingInflatesIt() throws Exception {
        ResultOutput cut = ResultOutput.of(WireJson.MAPPER.createArrayNode().add("\"".repeat(RunResult.MAX_OUTPUT_BYTES)));

        assertTrue(cut.truncated());
        int bytes = WireJson.MAPPER.writeValueAsBytes(cut.value()).length;
        assertTrue(bytes <= RunResult.MAX_OUTPUT_BYTES && bytes > RunResult.MAX_OUTPUT_BYTES - 8, String.valueOf(bytes));
        assertTrue(cut.value().get("value").asText().startsWith("[\"\\\"\\\""), "the head of the output's JSON text");
    }

    @Test
    void forwarderEndsAnUnterminatedLastLineAndLosesNothingOfHugeLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String huge = "y".repeat(LineForwarder.MAX_LINE_BYTES + 10);
        byte[] input = ("one\n" + huge + "\nlast").getBytes(StandardCharsets.UTF_8);

        new LineForwarder(new ByteArrayInputStream(input), new PrintStream(out), 0).run();

        assertEquals("one\n" + huge + "\nlast\n", out.toString(StandardCharsets.UTF_8));
    }
}
