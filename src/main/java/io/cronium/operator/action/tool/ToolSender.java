package io.cronium.operator.action.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.api.v1alpha1.ActionReasons;
import io.cronium.operator.config.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one message through a validated tool: HTTP POST for chat and webhooks, SMTP for email. Each send is tried once: chat and mail sends are
 * not idempotent, so a retry could post twice. Outcome messages name the tool Secret, never a
 * URL or credential from it.
 */
@ApplicationScoped
public class ToolSender {

  /** Header carrying the webhook body's HMAC-SHA256, as {@code sha256=<hex>}. */
  public static final String SIGNATURE_HEADER = "X-Cronium-Signature";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final TargetGuard guard;
  private final EmailSender email = new EmailSender(CONNECT_TIMEOUT, REQUEST_TIMEOUT);

  @Inject
  public ToolSender(OperatorSettings settings) {
    this(new TargetGuard(settings.actions().allowPrivateTargets()));
  }

  public ToolSender(TargetGuard guard) {
    this.guard = guard;
  }

  public SendOutcome send(Tool tool, String subject, String message) {
    String host = tool.type() == ToolType.email
        ? tool.field("host").strip()
        : URI.create(tool.field("url").strip()).getHost();
    Optional<String> refusal = guard.refusal(host);
    if (refusal.isPresent()) {
      return SendOutcome.failed(ActionReasons.TARGET_NOT_ALLOWED,
          "tool \"" + tool.secretName() + "\": " + refusal.get());
    }
    return tool.type() == ToolType.email
        ? email.send(tool, subject, message)
        : post(tool, subject, message);
  }

  private SendOutcome post(Tool tool, String subject, String message) {
    URI url = URI.create(tool.field("url").strip());
    String body = body(tool, subject, message);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (tool.type() == ToolType.webhook) {
      webhookHeaders(tool, body, request);
    }
    try {
      HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return status >= 200 && status < 300
          ? SendOutcome.sent("sent through tool \"" + tool.secretName() + "\" (HTTP " + status + ")")
          : SendOutcome.failed(ActionReasons.NOTIFICATION_FAILED,
              "tool \"" + tool.secretName() + "\" answered HTTP " + status);
    } catch (IOException e) {
      return SendOutcome.failed(ActionReasons.NOTIFICATION_FAILED,
          "tool \"" + tool.secretName() + "\" could not be reached: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SendOutcome.failed(ActionReasons.NOTIFICATION_FAILED,
          "tool \"" + tool.secretName() + "\": the send was interrupted");
    }
  }

  static String body(Tool tool, String subject, String message) {
    ObjectNode body = JSON.createObjectNode();
    String text = subject == null || subject.isEmpty() ? message : subject + "\n" + message;
    switch (tool.type()) {
      case slack -> body.put("text", text);
      case discord -> body.put("content", text);
      default -> {
        body.put("subject", subject == null ? "" : subject);
        body.put("message", message);
      }
    }
    return body.toString();
  }

  private static void webhookHeaders(Tool tool, String body, HttpRequest.Builder request) {
    String headers = tool.field("headers");
    if (headers != null) {
      try {
        JSON.readTree(headers).fields()
            .forEachRemaining(header -> request.header(header.getKey(), header.getValue().asText()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("headers were validated as a JSON object", e);
      }
    }
    String hmacSecret = tool.field("hmacSecret");
    if (hmacSecret != null) {
      request.header(SIGNATURE_HEADER, "sha256=" + hmacSha256(hmacSecret, body));
    }
  }

  static String hmacSha256(String key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }
}
