package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.cronium.contract.RunSpec;
import io.cronium.contract.RunSpecParser;
import io.cronium.contract.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper API's protocol: token check, routes, text format for Bash, refusals. */
class HelperApiServerTest {

    @TempDir
    Path tmp;

    private final HttpClient client = HttpClient.newHttpClient();
    private final RunState state = new RunState();
    private HelperApiServer api;

    @BeforeEach
    void start() throws Exception {
        RunSpec spec = RunSpecParser.parse("""
                {"executionId": "e-1", "type": "Bash", "script": "true", "input": "plain text",
                 "event": {"name": "hello"}}""");
        api = HelperApiServer.start(spec, state, new VariableStore(tmp), noTools());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void requestWithoutTokenIsRefusedWith401() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/input")).GET());

        assertEquals(401, response.statusCode());
        assertEquals("missing or wrong bearer token\n", response.body());
    }

    @Test
    void requestWithWrongTokenIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/output"))
                .header("Authorization", "Bearer " + api.token() + "x")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"stolen\": true}")));

        assertEquals(401, response.statusCode());
        assertEquals(Optional.empty(), state.output());
    }

    @Test
    void tokensDifferPerRun() throws Exception {
        try (HelperApiServer other = HelperApiServer.start(RunSpecParser.parse(
                "{\"executionId\": \"e-2\", \"type\": \"Bash\", \"script\": \"\"}"), new RunState(), new VariableStore(tmp), noTools())) {
            assertNotEquals(api.token(), other.token());
            assertTrue(api.token().length() >= 40, "256 random bits");
        }
    }

    @Test
    void readsAnswerJsonOrRawTextForBash() throws Exception {
        assertEquals("\"plain text\"", body("/input"));
        assertEquals("plain text", body("/input?format=text"));
        assertEquals("{\"name\":\"hello\"}", body("/event?format=text"));
        assertEquals("null", body("/variables/unset"));
        assertEquals("", body("/variables/unset?format=text"));
    }

    @Test
    void writesAreStored() throws Exception {
        assertEquals(204, send(authorized("/output").PUT(HttpRequest.BodyPublishers.ofString("[1, 2]"))).statusCode());
        assertEquals(204, send(authorized("/condition").PUT(HttpRequest.BodyPublishers.ofString("false"))).statusCode());
        assertEquals(204, send(authorized("/variables/k").PUT(HttpRequest.BodyPublishers.ofString("\"v\""))).statusCode());

        assertEquals("[1,2]", state.output().orElseThrow().toString());
        assertEquals(Optional.of(false), state.condition());
        assertEquals("v", body("/variables/k?format=text"));
    }

    @Test
    void invalidRequestsGetOneLineReasons() throws Exception {
        HttpResponse<String> badCondition = send(authorized("/condition").PUT(HttpRequest.BodyPublishers.ofString("\"yes\"")));
        HttpResponse<String> trailing = send(authorized("/output").PUT(HttpRequest.BodyPublishers.ofString("1 2")));
        HttpResponse<String> unknown = send(authorized("/nothing").GET());
        HttpResponse<String> wrongMethod = send(authorized("/input").DELETE());
        HttpResponse<String> tooBig = send(authorized("/output").PUT(HttpRequest.BodyPublishers.ofString(
                "\"" + "x".repeat(HelperApiServer.MAX_BODY_BYTES) + "\"")));

        assertEquals(400, badCondition.statusCode());
        assertEquals("condition must be true or false, not \"yes\"\n", badCondition.body());
        assertEquals(400, trailing.statusCode());
        assertEquals(404, unknown.statusCode());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals(413, tooBig.statusCode());
        assertEquals(Optional.empty(), state.output());
    }

    @Test
    void mountedVariableIsReadAndOwnWriteWins() throws Exception {
        Files.writeString(tmp.resolve("color"), "\"blue\"");

        assertEquals("\"blue\"", body("/variables/color"));
        send(authorized("/variables/color").PUT(HttpRequest.BodyPublishers.ofString("\"red\"")));
        assertEquals("\"red\"", body("/variables/color"));
        assertEquals(TextNode.valueOf("blue"), WireJson.MAPPER.readTree(Files.readString(tmp.resolve("color"))),
                "the mounted store is never written");
    }

    @Test
    void deleteHidesTheMountedValueUntilTheNextWrite() throws Exception {
        Files.writeString(tmp.resolve("color"), "\"blue\"");

        assertEquals("true", body("/variables/color/exists"));
        assertEquals(204, send(authorized("/variables/color").DELETE()).statusCode());
        assertEquals("false", body("/variables/color/exists"));
        assertEquals("", body("/variables/color?format=text"));
        send(authorized("/variables/color").PUT(HttpRequest.BodyPublishers.ofString("\"red\"")));
        assertEquals("true", body("/variables/color/exists"));
    }

    @Test
    void incrementAnswersTheNewValueAndAppendExtendsAnArray() throws Exception {
        assertEquals("1", post("/variables/n/increment", "1").body());
        assertEquals("-4", post("/variables/n/increment", "-5").body());
        assertEquals(204, post("/variables/list/append", "{\"a\": 1}").statusCode());
        assertEquals(204, post("/variables/list/append", "2").statusCode());

        assertEquals("[{\"a\":1},2]", body("/variables/list"));
    }

    @Test
    void incrementAndAppendRefuseWhatTheyCannotDoWithOneLineReasons() throws Exception {
        send(authorized("/variables/word").PUT(HttpRequest.BodyPublishers.ofString("\"hi\"")));

        HttpResponse<String> badStep = post("/variables/n/increment", "1.5");
        HttpResponse<String> noStep = post("/variables/n/increment", "");
        HttpResponse<String> notANumber = post("/variables/word/increment", "1");
        HttpResponse<String> notAnArray = post("/variables/word/append", "1");
        HttpResponse<String> unknownOperation = post("/variables/word/prepend", "1");

        assertEquals(400, badStep.statusCode());
        assertEquals("increment step must be an integer, not 1.5\n", badStep.body());
        assertEquals(400, noStep.statusCode());
        assertEquals(409, notANumber.statusCode());
        assertEquals("variable \"word\" holds a string, not an integer, so it cannot be incremented\n", notANumber.body());
        assertEquals(409, notAnArray.statusCode());
        assertEquals("variable \"word\" holds a string, not an array, so it cannot be appended to\n", notAnArray.body());
        assertEquals(405, unknownOperation.statusCode());
        assertEquals("\"hi\"", body("/variables/word"));
        assertEquals("null", body("/variables/n"), "a refused increment sets nothing");
    }

    @Test
    void eventFieldsAnswerOneValueAndNullWhenAbsent() throws Exception {
        assertEquals("hello", body("/event/name?format=text"));
        assertEquals("\"hello\"", body("/event/name"));
        assertEquals("", body("/event/id?format=text"));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(authorized(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String body(String path) throws Exception {
        HttpResponse<String> response = send(authorized(path).GET());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + api.token());
    }

    private URI uri(String path) {
        return URI.create(api.baseUrl() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A run whose Event lists no tools. */
    private ScriptSends noTools() {
        return new ScriptSends(List.of(), tmp.resolve("tools"), "default", false);
    }
}
