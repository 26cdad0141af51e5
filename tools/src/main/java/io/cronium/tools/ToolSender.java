package io.cronium.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one message through a validated tool: HTTP POST for chat and webhooks, SMTP for email.
 * Each send is tried once: chat and mail sends are not idempotent, so a retry could post twice.
 * Outcome messages name the tool Secret, never a URL or credential from it. The operator's notify
 * actions and runtime-api's script helpers both send through this class.
 */
public final class ToolSender {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final TargetGuard guard;
  private final EmailSender email = new EmailSender(CONNECT_TIMEOUT, REQUEST_TIMEOUT);

  /** Vert.x's client, because it connects to a given address while naming the host (Host, TLS SNI and certificate). */
  public ToolSender(TargetGuard guard, Vertx vertx) {
    this.guard = guard;
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
        .setVerifyHost(true));
  }

  public SendOutcome send(Tool tool, ToolMessage message) {
    String host = tool.type() == ToolType.email
        ? tool.field("host").strip()
        : URI.create(tool.field("url").strip()).getHost();
    TargetGuard.Verdict verdict = guard.check(host);
    if (verdict.refusal().isPresent()) {
      return SendOutcome.failed(SendReasons.TARGET_NOT_ALLOWED,
          "tool \"" + tool.secretName() + "\": " + verdict.refusal().get());
    }
    InetAddress address = verdict.address().orElseThrow();
    return tool.type() == ToolType.email
        ? email.send(tool, address, message)
        : post(tool, address, message);
  }

  private SendOutcome post(Tool tool, InetAddress address, ToolMessage message) {
    URI url = URI.create(tool.field("url").strip());
    int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    String body = body(tool, message);
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(url.toString())
        // The address the guard checked: no second lookup that DNS could answer differently.
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setFollowRedirects(false)
        .setTimeout(REQUEST_TIMEOUT.toMillis())
        .putHeader("Content-Type", "application/json");
    if (tool.type() == ToolType.webhook) {
      webhookHeaders(tool, body, request);
    }
    try {
      int status = http.request(request)
          .compose(sending -> sending.send(Buffer.buffer(body, StandardCharsets.UTF_8.name())))
          .compose(response -> response.end().map(ended -> response.statusCode()))
          .toCompletionStage().toCompletableFuture()
          .get(CONNECT_TIMEOUT.plus(REQUEST_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
      return status >= 200 && status < 300
          ? SendOutcome.sent("sent through tool \"" + tool.secretName() + "\" (HTTP " + status + ")")
          : SendOutcome.failed(SendReasons.NOTIFICATION_FAILED,
              "tool \"" + tool.secretName() + "\" answered HTTP " + status);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      return SendOutcome.failed(SendReasons.NOTIFICATION_FAILED,
          "tool \"" + tool.secretName() + "\" could not be reached: " + cause.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SendOutcome.failed(SendReasons.NOTIFICATION_FAILED,
          "tool \"" + tool.secretName() + "\": the send was interrupted");
    }
  }

  static String body(Tool tool, ToolMessage message) {
    ObjectNode body = JSON.createObjectNode();
    String subject = message.subject();
    String text = subject == null || subject.isEmpty() ? message.text() : subject + "\n" + message.text();
    switch (tool.type()) {
      case slack -> {
        body.put("text", text);
        if (message.channel() != null) {
          body.put("channel", message.channel());
        }
      }
      case discord -> body.put("content", text);
      default -> {
        body.put("subject", subject == null ? "" : subject);
        body.put("message", message.text());
      }
    }
    return body.toString();
  }

  private static void webhookHeaders(Tool tool, String body, RequestOptions request) {
    String headers = tool.field("headers");
    if (headers != null) {
      try {
        JSON.readTree(headers).fields()
            .forEachRemaining(header -> request.putHeader(header.getKey(), header.getValue().asText()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("headers were validated as a JSON object", e);
      }
    }
    String hmacSecret = tool.field("hmacSecret");
    if (hmacSecret != null) {
      request.putHeader(WebhookSignature.HEADER, WebhookSignature.of(
          hmacSecret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
