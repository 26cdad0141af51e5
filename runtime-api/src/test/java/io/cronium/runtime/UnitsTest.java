package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher's pure parts: spec parsing, output shaping, result size policy, line splitting. */
class UnitsTest {

    @TempDir
    Path tmp;

    @Test
    void fullContractExampleParses() throws Exception {
        RunSpec spec = new RunSpecParser().parse("""
                {"executionId": "hello-world-manual-x7k2p", "type": "HTTP", "script": null,
                 "http": {"method": "post", "url": "https://example.org/hook",
                          "headers": [{"name": "Content-Type", "value": "application/json"},
                                      {"name": "Authorization", "valueFromEnv": "CRONIUM_HTTP_HEADER_1"}],
                          "body": "{\\"a\\":1}", "timeoutSeconds": 30, "acceptedStatusCodes": [200, 201]},
                 "input": {"any": "json"}, "event": {"name": "hello-world"}, "timeoutSeconds": 300,
                 "someFutureField": true}""");

        assertEquals(RunType.HTTP, spec.type());
        assertEquals("POST", spec.http().method());
        assertEquals("CRONIUM_HTTP_HEADER_1", spec.http().headers().get(1).valueFromEnv());
        assertEquals(Optional.of(Duration.ofSeconds(30)), spec.http().timeout());
        assertTrue(spec.http().accepts(201));
        assertFalse(spec.http().accepts(204));
        assertEquals(Optional.of(Duration.ofSeconds(300)), spec.timeout());
        assertEquals("json", spec.input().get("any").asText());
    }

    @Test
    void defaultsWhenOptionalFieldsAreAbsent() throws Exception {
        RunSpec spec = new RunSpecParser().parse("{\"executionId\": \"x\", \"type\": \"HTTP\", \"http\": {\"url\": \"http://h/\"}}");

        assertEquals("GET", spec.http().method());
        assertTrue(spec.http().accepts(200) && spec.http().accepts(399) && !spec.http().accepts(400));
        assertEquals(Optional.empty(), spec.timeout());
        assertEquals(NullNode.getInstance(), spec.input());
        assertTrue(spec.event().isObject() && spec.event().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"Bash\", \"script\": \"\"}                                     | executionId is required",
        "{\"executionId\": \"x\", \"type\": \"Bash\"}                               | script is required",
        "{\"executionId\": \"x\", \"type\": \"Bash\", \"script\": 1}                | script must be a string",
        "{\"executionId\": \"x\", \"type\": \"HTTP\"}                               | http is required",
        "{\"executionId\": \"x\", \"type\": \"HTTP\", \"http\": {\"url\": \"ftp://h/\"}} | http.url must be an absolute http or https URL, not \"ftp://h/\"",
        "{\"executionId\": \"x\", \"type\": \"HTTP\", \"http\": {\"url\": \"http://h/\", \"headers\": [{\"name\": \"A\"}]}} | http.headers[0] (A) needs exactly one of value and valueFromEnv",
        "{\"executionId\": \"x\", \"type\": \"HTTP\", \"http\": {\"url\": \"http://h/\", \"acceptedStatusCodes\": [700]}} | http.acceptedStatusCodes contains 700, which is not a status code (100-599)",
        "{\"executionId\": \"x\", \"type\": \"Bash\", \"script\": \"\", \"timeoutSeconds\": -1} | timeoutSeconds must be a whole number of seconds >= 0, not -1",
        "[1]                                                                        | CRONIUM_RUN_SPEC must be a JSON object",
    })
    void invalidSpecsAreNamedPrecisely(String json, String message) {
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> new RunSpecParser().parse(json));

        assertEquals(message, error.getMessage());
    }

    @Test
    void outputWrapsScalarsAndKeepsContainers() {
        assertEquals("{\"value\":42}", ResultOutput.of(IntNode.valueOf(42)).value().toString());
        assertEquals("{\"value\":null}", ResultOutput.of(NullNode.getInstance()).value().toString());
        assertEquals("[1]", ResultOutput.of(Json.MAPPER.createArrayNode().add(1)).value().toString());
        assertFalse(ResultOutput.of(TextNode.valueOf("x".repeat(ResultOutput.MAX_BYTES - 20))).truncated());
    }

    @Test
    void utf8HeadNeverSplitsACharacter() {
        byte[] bytes = "aé€".getBytes(StandardCharsets.UTF_8);

        assertEquals("a", Utf8.head(bytes, 2), "é needs two bytes");
        assertEquals("aé", Utf8.head(bytes, 4), "€ needs three bytes");
        assertEquals("aé€", Utf8.head(bytes, 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "..hidden", "a/b", "a b", "é"})
    void invalidVariableKeys(String key) {
        assertTrue(VariableStore.keyProblem(key).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"counter", "a.b-c_D9", ".hidden", "a..b"})
    void validVariableKeys(String key) {
        assertEquals(Optional.empty(), VariableStore.keyProblem(key));
    }

    @Test
    void resultFitsTheTerminationMessageWhenSmall() throws Exception {
        Path message = tmp.resolve("termination-log");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult result = new RunResult(0, Optional.of(Json.MAPPER.readTree("{\"greeting\":\"hi\"}")), Optional.of(true),
                Map.of("counter", IntNode.valueOf(3)), false, null, false, false, 0);

        new ResultWriter(message, new PrintStream(out), new PrintStream(new ByteArrayOutputStream())).write(result);

        assertEquals("{\"exitCode\":0,\"output\":{\"greeting\":\"hi\"},\"condition\":true,\"variables\":{\"counter\":3},"
                + "\"timedOut\":false,\"error\":null,\"outputTruncated\":false,\"resultInLog\":false}",
                Files.readString(message), "the contract's example, field for field");
        assertEquals(0, out.size(), "nothing extra in the log");
    }

    @Test
    void resultJustOverTheLimitGoesToTheLog() throws Exception {
        Path message = tmp.resolve("termination-log");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String filler = "x".repeat(ResultWriter.TERMINATION_MESSAGE_LIMIT);
        RunResult result = new RunResult(0, Optional.of(Json.MAPPER.createObjectNode().put("t", filler)), Optional.empty(),
                Map.of(), false, null, false, false, 0);

        new ResultWriter(message, new PrintStream(out), new PrintStream(new ByteArrayOutputStream())).write(result);

        JsonNode small = Json.MAPPER.readTree(Files.readString(message));
        assertTrue(small.get("resultInLog").booleanValue());
        assertFalse(small.has("output"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), "two chunk lines, then the result line");
        assertTrue(lines.get(0).startsWith(OutputChunks.MARKER + " 1/2 "));
        String resultLine = lines.get(2);
        assertTrue(resultLine.startsWith(ResultWriter.LOG_MARKER));
        JsonNode inLog = Json.MAPPER.readTree(resultLine.substring(ResultWriter.LOG_MARKER.length()));
        assertFalse(inLog.has("output"));
        assertEquals(2, inLog.get("outputChunks").intValue());
    }

    @Test
    void outputChunksAreNumberedBoundedLinesThatReassembleToTheJson() throws Exception {
        JsonNode output = Json.MAPPER.createObjectNode().put("t", "é".repeat(ResultOutput.MAX_BYTES / 2 - 10));
        byte[] json = Json.MAPPER.writeValueAsBytes(output);

        List<String> lines = OutputChunks.lines(output);

        assertEquals((json.length + OutputChunks.CHUNK_BYTES - 1) / OutputChunks.CHUNK_BYTES, lines.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(" ");
            assertEquals(OutputChunks.MARKER, parts[0]);
            assertEquals((i + 1) + "/" + lines.size(), parts[1]);
            assertTrue(lines.get(i).length() < 8 * 1024, "far below the runtimes' 16 KiB line split");
            joined.write(Base64.getDecoder().decode(parts[2]));
        }
        assertArrayEquals(json, joined.toByteArray());
    }

    @Test
    void truncatedOutputFitsTheLimitEvenWhenQuotingInflatesIt() throws Exception {
        ResultOutput cut = ResultOutput.of(Json.MAPPER.createArrayNode().add("\"".repeat(ResultOutput.MAX_BYTES)));

        assertTrue(cut.truncated());
        int bytes = Json.MAPPER.writeValueAsBytes(cut.value()).length;
        assertTrue(bytes <= ResultOutput.MAX_BYTES && bytes > ResultOutput.MAX_BYTES - 8, String.valueOf(bytes));
        assertTrue(cut.value().get("value").asText().startsWith("[\"\\\"\\\""), "the head of the output's JSON text");
    }

    @Test
    void forwarderEndsAnUnterminatedLastLineAndLosesNothingOfHugeLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String huge = "y".repeat(LineForwarder.MAX_LINE_BYTES + 10);
        byte[] input = ("one\n" + huge + "\nlast").getBytes(StandardCharsets.UTF_8);

        new LineForwarder(new ByteArrayInputStream(input), new PrintStream(out)).run();

        assertEquals("one\n" + huge + "\nlast\n", out.toString(StandardCharsets.UTF_8));
    }
}
