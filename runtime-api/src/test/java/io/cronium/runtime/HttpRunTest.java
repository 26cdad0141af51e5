package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cronium.contract.RuntimeEnv;
import io.cronium.contract.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP runs against a local server: status handling, output, headers from env, failures. */
class HttpRunTest {

    @TempDir
    Path tmp;

    private final CountDownLatch releaseSlowResponses = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            ObjectNode echo = WireJson.MAPPER.createObjectNode();
            echo.put("method", exchange.getRequestMethod());
            echo.put("apiKey", exchange.getRequestHeaders().getFirst("X-Api-Key"));
            echo.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 200, "application/json", echo.toString());
        });
        server.createContext("/fail", exchange -> respond(exchange, 500, "text/plain", "database down\n"));
        server.createContext("/created", exchange -> respond(exchange, 201, "text/plain", "made it"));
        server.createContext("/slow", exchange -> {
            await(releaseSlowResponses);
            respond(exchange, 200, "text/plain", "late");
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseSlowResponses.countDown();
        server.stop(0);
    }

    @Test
    void acceptedResponseGivesJsonOutputAndExit0() throws Exception {
        ObjectNode spec = httpSpec("POST", "/echo");
        spec.withObjectProperty("http").put("body", "{\"a\":1}");
        spec.withObjectProperty("http").putArray("headers").addObject().put("name", "Content-Type").put("value", "application/json");

        LauncherHarness.Run run = new LauncherHarness(tmp).run(spec);

        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals(200, run.result().at("/output/status").intValue());
        assertEquals("POST", run.result().at("/output/body/method").asText(), "a JSON body is parsed");
        assertEquals("{\"a\":1}", run.result().at("/output/body/body").asText());
        assertTrue(run.stdout().get(0).matches("POST http://127\\.0\\.0\\.1:\\d+/echo -> 200 \\(\\d+ ms\\)"), run.stdout().get(0));
        assertTrue(run.stdout().get(1).startsWith("{\"method\":\"POST\""), "the body is logged");
    }

    @Test
    void serverErrorFailsWithExit1AndKeepsTheBody() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(httpSpec("GET", "/fail"));

        assertEquals(1, run.exitCode());
        assertEquals(500, run.result().at("/output/status").intValue());
        assertEquals("database down\n", run.result().at("/output/body").asText(), "a text body stays a string");
        assertEquals("cronium: status 500 is not accepted (accepted: 200-399)", run.stderrText());
        assertTrue(run.result().get("error").isNull(), "a refused status is the request's failure, not runtime-api's");
    }

    @Test
    void acceptedStatusCodesOverrideTheDefault() throws Exception {
        ObjectNode acceptsOnly201 = httpSpec("GET", "/created");
        acceptsOnly201.withObjectProperty("http").putArray("acceptedStatusCodes").add(201);
        ObjectNode accepts500 = httpSpec("GET", "/fail");
        accepts500.withObjectProperty("http").putArray("acceptedStatusCodes").add(500);
        ObjectNode rejects200 = httpSpec("GET", "/echo");
        rejects200.withObjectProperty("http").putArray("acceptedStatusCodes").add(201);

        assertEquals(0, new LauncherHarness(tmp.resolve("a")).run(acceptsOnly201).exitCode());
        assertEquals(0, new LauncherHarness(tmp.resolve("b")).run(accepts500).exitCode());
        LauncherHarness.Run rejected = new LauncherHarness(tmp.resolve("c")).run(rejects200);
        assertEquals(1, rejected.exitCode());
        assertEquals("cronium: status 200 is not accepted (accepted: [201])", rejected.stderrText());
    }

    @Test
    void headerValueComesFromTheNamedEnvironmentVariable() throws Exception {
        ObjectNode spec = httpSpec("GET", "/echo");
        ArrayNode headers = spec.withObjectProperty("http").putArray("headers");
        headers.addObject().put("name", "X-Api-Key").put("valueFromEnv", RuntimeEnv.httpHeader(1));
        LauncherHarness harness = new LauncherHarness(tmp);
        harness.env.put(RuntimeEnv.httpHeader(1), "s3cret");

        LauncherHarness.Run run = harness.run(spec);

        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("s3cret", run.result().at("/output/body/apiKey").asText());
        assertFalse(spec.toString().contains("s3cret"), "the spec names the variable, never the value");
    }

    @Test
    void connectionErrorIsOneClearLineAndExit1() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ObjectNode spec = httpSpec("GET", "/echo");
        spec.withObjectProperty("http").put("url", "http://127.0.0.1:" + closedPort + "/hook");

        LauncherHarness.Run run = new LauncherHarness(tmp).run(spec);

        assertEquals(1, run.exitCode());
        String expected = "HTTP request failed: GET http://127.0.0.1:" + closedPort + "/hook: connection refused";
        assertEquals("cronium: " + expected, run.stderrText());
        assertEquals(expected, run.result().get("error").asText());
        assertFalse(run.result().has("output"));
    }

    @Test
    void requestTimeoutFailsWithExit1() throws Exception {
        ObjectNode spec = httpSpec("GET", "/slow");
        spec.withObjectProperty("http").put("timeoutSeconds", 1);

        LauncherHarness.Run run = new LauncherHarness(tmp).run(spec);

        assertEquals(1, run.exitCode());
        assertFalse(run.result().get("timedOut").booleanValue());
        assertTrue(run.stderrText().endsWith("/slow timed out after 1 s"), run.stderrText());
    }

    @Test
    void runTimeoutShorterThanTheRequestsGives124() throws Exception {
        ObjectNode spec = httpSpec("GET", "/slow");
        spec.withObjectProperty("http").put("timeoutSeconds", 30);
        spec.put("timeoutSeconds", 1);

        LauncherHarness.Run run = new LauncherHarness(tmp).run(spec);

        assertEquals(124, run.exitCode());
        assertTrue(run.result().get("timedOut").booleanValue());
    }

    @Test
    void missingHeaderVariableIsABadSpec() throws Exception {
        ObjectNode spec = httpSpec("GET", "/echo");
        spec.withObjectProperty("http").putArray("headers").addObject().put("name", "Authorization").put("valueFromEnv", "NOT_SET");

        LauncherHarness.Run run = new LauncherHarness(tmp).run(spec);

        assertEquals(2, run.exitCode());
        assertEquals("cronium: invalid run spec: header Authorization: environment variable NOT_SET is not set",
                run.stderrText());
    }

    private ObjectNode httpSpec(String method, String path) {
        ObjectNode spec = LauncherHarness.spec("HTTP", null);
        spec.putNull("script");
        ObjectNode http = spec.putObject("http");
        http.put("method", method);
        http.put("url", "http://127.0.0.1:" + server.getAddress().getPort() + path);
        http.put("timeoutSeconds", 10);
        return spec;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
