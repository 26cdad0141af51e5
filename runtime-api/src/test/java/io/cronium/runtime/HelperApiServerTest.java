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
        api = HelperApiServer.start(spec, state, new VariableStore(tmp));
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
                "{\"executionId\": \"e-2\", \"type\": \"Bash\", \"script\": \"\"}"), new RunState(), new VariableStore(tmp))) {
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
}
