package io.cronium.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.cronium.contract.RunSpec;
import io.cronium.contract.VariableStoreFormat;
import io.cronium.contract.WireJson;
import io.cronium.tools.SendOutcome;
import io.cronium.tools.SendReasons;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The helper API the script's {@code cronium} helpers call: loopback only, one random bearer
 * token per run. Routes (all answers are JSON unless {@code ?format=text}, which prints strings
 * raw and null as nothing, for Bash):
 * <pre>
 *   GET /input                          GET /event         GET /event/FIELD (null when absent)
 *   PUT /output                         PUT /condition (true|false)
 *   GET /variables/KEY                  PUT /variables/KEY                DELETE /variables/KEY
 *   GET /variables/KEY/exists (true|false)
 *   POST /variables/KEY/increment (an integer step; answers the new value)
 *   POST /variables/KEY/append (the element)
 *   POST /tools/send (a {@link SendRequest}; answers {"sent": true, "message": ...}, or an error when nothing was sent)
 * </pre>
 * Errors answer with a one-line {@code text/plain} message that the helpers show as is.
 */
final class HelperApiServer implements AutoCloseable {

    /** Bigger bodies are refused; Cronium capped a run's input/output payload at 5 MB too. */
    static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] expectedAuthorization;
    private final String token;
    private final RunSpec spec;
    private final RunState state;
    private final VariableStore variables;
    private final ScriptSends sends;

    private HelperApiServer(HttpServer server, String token, RunSpec spec, RunState state, VariableStore variables,
            ScriptSends sends) {
        this.server = server;
        this.token = token;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.spec = spec;
        this.state = state;
        this.variables = variables;
        this.sends = sends;
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "helper-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    static HelperApiServer start(RunSpec spec, RunState state, VariableStore variables, ScriptSends sends)
            throws IOException {
        // Without TCP_NODELAY the response body waits for the client's delayed ACK (~40 ms per
        // call on kept-alive connections). Read once, when the JDK server first starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HelperApiServer api = new HelperApiServer(server, newToken(), spec, state, variables, sends);
        server.start();
        return api;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String token() {
        return token;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!isAuthorized(exchange)) {
                reply(exchange, 401, "missing or wrong bearer token");
                return;
            }
            route(exchange);
        } catch (ClientError e) {
            reply(exchange, e.status, e.getMessage());
        } catch (RuntimeException e) {
            reply(exchange, 500, "runtime-api failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private boolean isAuthorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        // Constant-time comparison: the token is the only thing guarding the API.
        return header != null && MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
    }

    private void route(HttpExchange exchange) throws IOException, ClientError {
        String[] path = exchange.getRequestURI().getRawPath().replaceFirst("^/+", "").split("/", -1);
        String method = exchange.getRequestMethod();
        boolean read = method.equals("GET");
        boolean write = method.equals("PUT") || method.equals("POST");
        switch (path[0]) {
            case "input" -> {
                requireShape(path.length == 1 && read, exchange);
                replyValue(exchange, spec.input());
            }
            case "event" -> {
                requireShape(path.length <= 2 && read, exchange);
                replyValue(exchange, path.length == 1 ? spec.event() : eventField(decode(path[1])));
            }
            case "output" -> {
                requireShape(path.length == 1 && write, exchange);
                state.setOutput(readJson(exchange, "output"));
                reply(exchange, 204, null);
            }
            case "condition" -> {
                requireShape(path.length == 1 && write, exchange);
                JsonNode condition = readJson(exchange, "condition");
                if (!condition.isBoolean()) {
                    throw new ClientError(400, "condition must be true or false, not " + abbreviate(condition.toString()));
                }
                state.setCondition(condition.booleanValue());
                reply(exchange, 204, null);
            }
            case "variables" -> {
                requireShape(path.length == 2 || path.length == 3, exchange);
                String key = decode(path[1]);
                var problem = VariableStoreFormat.keyProblem(key);
                if (problem.isPresent()) {
                    throw new ClientError(400, problem.get());
                }
                variable(exchange, key, method + (path.length == 3 ? " " + path[2] : ""));
            }
            case "tools" -> {
                requireShape(path.length == 2 && path[1].equals("send") && method.equals("POST"), exchange);
                send(exchange);
            }
            default -> throw new ClientError(404, "no such helper API path: " + exchange.getRequestURI().getPath());
        }
    }

    /** {@code request} is the method, then the operation after the key if any: {@code POST append}. */
    private void variable(HttpExchange exchange, String key, String request) throws IOException, ClientError {
        try {
            switch (request) {
                case "GET" -> replyValue(exchange, variables.get(key).orElse(NullNode.getInstance()));
                case "PUT", "POST" -> {
                    variables.set(key, readJson(exchange, "variable " + key));
                    reply(exchange, 204, null);
                }
                case "DELETE" -> {
                    variables.delete(key);
                    reply(exchange, 204, null);
                }
                case "GET exists" -> replyValue(exchange, BooleanNode.valueOf(variables.exists(key)));
                case "POST increment" -> {
                    JsonNode step = readJson(exchange, "increment step");
                    if (!step.isIntegralNumber() || !step.canConvertToLong()) {
                        throw new ClientError(400, "increment step must be an integer, not " + abbreviate(step.toString()));
                    }
                    replyValue(exchange, LongNode.valueOf(variables.increment(key, step.longValue())));
                }
                case "POST append" -> {
                    variables.append(key, readJson(exchange, "appended value"));
                    reply(exchange, 204, null);
                }
                default -> throw unsupported(exchange);
            }
        } catch (VariableStore.WrongTypeException e) {
            throw new ClientError(409, e.getMessage());
        }
    }

    private void send(HttpExchange exchange) throws IOException, ClientError {
        SendRequest request;
        try {
            request = SendRequest.parse(readJson(exchange, "send"));
        } catch (SendRequest.InvalidSendException e) {
            throw new ClientError(400, e.getMessage());
        }
        SendOutcome outcome = sends.send(request);
        if (!outcome.sent()) {
            throw new ClientError(failureStatus(outcome.reason()), outcome.message());
        }
        ObjectNode answer = WireJson.MAPPER.createObjectNode();
        answer.put("sent", true);
        answer.put("message", outcome.message());
        replyValue(exchange, answer);
    }

    /** Refusals of the script's request are 4xx; a tool that did not take the message is a bad gateway. */
    private static int failureStatus(String reason) {
        return switch (reason) {
            case SendReasons.TOOL_NOT_LISTED, SendReasons.TARGET_NOT_ALLOWED -> 403;
            case SendReasons.TOOL_NOT_FOUND -> 404;
            case SendReasons.INVALID_TOOL -> 409;
            case SendReasons.NOTIFICATION_FAILED -> 502;
            default -> 400;
        };
    }

    /** A field of the event context; null when it has none of that name, as Cronium's jq lookup gave nothing. */
    private JsonNode eventField(String name) {
        JsonNode field = spec.event().get(name);
        return field == null ? NullNode.getInstance() : field;
    }

    private static String decode(String pathSegment) {
        return URLDecoder.decode(pathSegment, StandardCharsets.UTF_8);
    }

    private static void requireShape(boolean matches, HttpExchange exchange) throws ClientError {
        if (!matches) {
            throw unsupported(exchange);
        }
    }

    private static ClientError unsupported(HttpExchange exchange) {
        return new ClientError(405, "unsupported request: " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI().getPath());
    }

    private static JsonNode readJson(HttpExchange exchange, String what) throws IOException, ClientError {
        String body = new String(readBody(exchange.getRequestBody()), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            throw new ClientError(400, what + " is empty; expected a JSON value");
        }
        try {
            return WireJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String value = body.strip();
            boolean bareWord = !value.isEmpty() && "{[\"".indexOf(value.charAt(0)) < 0;
            throw new ClientError(400, what + " is not valid JSON: " + abbreviate(value)
                    + (bareWord ? " (a string needs JSON quotes, e.g. '\"text\"')" : ""));
        }
    }

    private static byte[] readBody(InputStream in) throws IOException, ClientError {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (body.size() + n > MAX_BODY_BYTES) {
                throw new ClientError(413, "value too large: the limit is " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private static void replyValue(HttpExchange exchange, JsonNode value) throws IOException {
        boolean text = "format=text".equals(exchange.getRequestURI().getRawQuery());
        if (!text) {
            send(exchange, 200, "application/json", WireJson.bytes(value));
        } else if (value.isNull()) {
            send(exchange, 200, "text/plain; charset=utf-8", new byte[0]);
        } else {
            String body = value.isTextual() ? value.textValue() : WireJson.text(value);
            send(exchange, 200, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void reply(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = message == null ? null : (message + "\n").getBytes(StandardCharsets.UTF_8);
        send(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        // 0 would mean "chunked"; an empty body needs the explicit "no body" length.
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    /** A request the helper API refuses; the message goes back to the script. */
    private static final class ClientError extends Exception {
        private final int status;

        ClientError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
