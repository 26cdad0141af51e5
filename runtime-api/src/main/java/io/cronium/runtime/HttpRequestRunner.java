package io.cronium.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.contract.HttpSpec;
import io.cronium.contract.InvalidRunSpecException;
import io.cronium.contract.RunResult;
import io.cronium.contract.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Performs an HTTP run: sends the request, logs a status line and the (capped) body, and records
 * {@code {"status": N, "body": …}} as the output. Exit code 0 for an accepted status, 1 for any
 * other status or when no response arrived.
 */
final class HttpRequestRunner {

    /** How much of the response body is printed to the log. */
    static final int LOGGED_BODY_BYTES = 64 * 1024;
    /** Reading more than the output may hold is pointless: the result would cut it anyway. */
    static final int MAX_READ_BYTES = RunResult.MAX_OUTPUT_BYTES + 1;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private volatile CompletableFuture<?> inFlight;
    private volatile boolean cancelled;

    HttpRequestRunner(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    ExecutionOutcome run(HttpSpec http, Optional<Duration> runTimeout, RunState state)
            throws InvalidRunSpecException, InterruptedException {
        HttpRequest request = buildRequest(http);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(http.timeout().orElse(Duration.ofSeconds(30)))
                .build();
        boolean runLimitFirst = runTimeout.isPresent()
                && (http.timeout().isEmpty() || runTimeout.get().compareTo(http.timeout().get()) <= 0);
        Optional<Duration> deadline = runLimitFirst ? runTimeout : http.timeout();
        String target = http.method() + " " + http.url();
        long started = System.nanoTime();
        CompletableFuture<Response> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(HttpRequestRunner::readCapped);
        inFlight = exchange;
        if (cancelled) {
            exchange.cancel(true);
        }
        try {
            Response response = deadline.isPresent()
                    ? exchange.get(deadline.get().toMillis(), TimeUnit.MILLISECONDS)
                    : exchange.get();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return report(http, target, response, millis, state);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            String message = target + " timed out after " + deadline.orElseThrow().toSeconds() + " s";
            Console.line(err, message);
            return runLimitFirst ? ExecutionOutcome.killedAtTimeout() : ExecutionOutcome.failed(1, "HTTP request " + message);
        } catch (CancellationException e) {
            Console.line(err, target + " cancelled: runtime-api was asked to stop");
            return ExecutionOutcome.failed(TerminationHandler.SIGTERM_EXIT_CODE, "HTTP request cancelled: runtime-api was asked to stop");
        } catch (ExecutionException e) {
            String message = "HTTP request failed: " + target + ": " + describe(e.getCause());
            Console.line(err, message);
            return ExecutionOutcome.failed(1, message);
        }
    }

    /** Stops a request in flight (SIGTERM). */
    void cancel() {
        cancelled = true;
        CompletableFuture<?> exchange = inFlight;
        if (exchange != null) {
            exchange.cancel(true);
        }
    }

    private HttpRequest buildRequest(HttpSpec http) throws InvalidRunSpecException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(http.uri())
                .method(http.method(), http.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(http.body(), StandardCharsets.UTF_8));
        http.timeout().ifPresent(builder::timeout);
        for (HttpSpec.Header header : http.headers()) {
            String value = header.value();
            if (header.valueFromEnv() != null) {
                value = env.get(header.valueFromEnv());
                if (value == null) {
                    throw new InvalidRunSpecException("header " + header.name() + ": environment variable "
                            + header.valueFromEnv() + " is not set");
                }
            }
            try {
                builder.header(header.name(), value);
            } catch (IllegalArgumentException e) {
                throw new InvalidRunSpecException("header " + header.name() + " cannot be sent: " + e.getMessage());
            }
        }
        return builder.build();
    }

    private ExecutionOutcome report(HttpSpec http, String target, Response response, long millis, RunState state) {
        Console.raw(out, target + " -> " + response.status() + " (" + millis + " ms)");
        if (response.body().length > 0) {
            String logged = Utf8.head(response.body(), LOGGED_BODY_BYTES);
            Console.raw(out, logged.endsWith("\n") ? logged.substring(0, logged.length() - 1) : logged);
            if (response.body().length > LOGGED_BODY_BYTES) {
                Console.line(out, "response body cut at " + LOGGED_BODY_BYTES / 1024 + " KiB in the log");
            }
        }
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("status", response.status());
        output.set("body", parseBody(response));
        state.setOutput(output);
        if (http.accepts(response.status())) {
            return ExecutionOutcome.exited(0);
        }
        Console.line(err, "status " + response.status() + " is not accepted (accepted: " + http.describeAccepted() + ")");
        return ExecutionOutcome.exited(1);
    }

    /** JSON when the response says it is JSON, otherwise (or when it does not parse) a string. */
    private static JsonNode parseBody(Response response) {
        String contentType = response.contentType().toLowerCase(Locale.ROOT);
        String text = new String(response.body(), charsetOf(contentType));
        String mediaType = contentType.split(";", 2)[0].strip();
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            try {
                return WireJson.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                // Fall through: a body that is not what it claims is still worth keeping as text.
            }
        }
        return JsonNodeFactory.instance.textNode(text);
    }

    private static Charset charsetOf(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("charset")) {
                try {
                    return Charset.forName(pair[1].replace("\"", "").strip());
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Response readCapped(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    body.readNBytes(MAX_READ_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (cause instanceof ConnectException) {
            Throwable root = cause.getCause();
            if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
                return "unknown host";
            }
            return cause.getMessage() == null ? "connection refused" : cause.getMessage();
        }
        if (cause instanceof SSLException) {
            return "TLS failed" + detail;
        }
        return cause.getClass().getSimpleName() + detail;
    }

    private record Response(int status, String contentType, byte[] body) {
    }
}
