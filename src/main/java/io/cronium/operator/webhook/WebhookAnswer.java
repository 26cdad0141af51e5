package io.cronium.operator.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/**
 * What the endpoint answers a delivery: a status, a JSON body and any headers it needs. Messages
 * say what to fix without naming a Secret or echoing a credential.
 */
record WebhookAnswer(int status, String body, Map<String, String> headers) {

  /** Unknown Event and Event without a webhook alike, so that names cannot be probed. */
  static final WebhookAnswer NOT_FOUND =
      message(404, "no webhook at this path", Map.of());

  static final WebhookAnswer UNAUTHENTICATED = message(401,
      "sign the body (X-Cronium-Signature: sha256=<hex HMAC-SHA256>) or send Authorization: Bearer <token>",
      Map.of("WWW-Authenticate", "Bearer"));

  static final WebhookAnswer FORBIDDEN =
      message(403, "the signature or token does not match the webhook's secret", Map.of());

  static final WebhookAnswer TOO_LARGE = message(413,
      "the body is larger than " + WebhookRoutes.MAX_BODY_BYTES + " bytes", Map.of("Connection", "close"));

  static final WebhookAnswer BUSY = message(503,
      "too many deliveries are waiting; retry later", Map.of("Retry-After", "1"));

  static WebhookAnswer accepted(String namespace, String runName) {
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("namespace", namespace)
        .put("jobRun", runName);
    return new WebhookAnswer(202, body.toString(), Map.of());
  }

  static WebhookAnswer notJson(String why) {
    return message(415, why, Map.of());
  }

  static WebhookAnswer tooMany(Duration retryAfter) {
    return message(429, "this Event's webhook accepts no more deliveries for now",
        Map.of("Retry-After", Long.toString(retryAfter.toSeconds())));
  }

  static WebhookAnswer unavailable(String why) {
    return message(503, why, Map.of("Retry-After", "60"));
  }

  private static WebhookAnswer message(int status, String message, Map<String, String> headers) {
    return new WebhookAnswer(status, JsonNodeFactory.instance.objectNode().put("message", message).toString(), headers);
  }
}
