package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** Error responses shaped like the API server's: a {@code Status} body whose reason matches the code. */
final class ApiStatus {

  private ApiStatus() {
  }

  static MockResponse notFound(String resource, String name) {
    return failure(404, resource + " \"" + name + "\" not found", resource, name);
  }

  static MockResponse badRequest(String message) {
    return failure(400, message, null, null);
  }

  static MockResponse failure(int code, String message, String resource, String name) {
    Status status = new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reasonFor(code))
        .withMessage(message)
        .withNewDetails().withKind(resource).withName(name).endDetails()
        .build();
    return json(code, Serialization.asJson(status));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** The reason a real API server gives with each code (the mock says "Invalid" for all). */
  static String reasonFor(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      default -> "InternalError";
    };
  }
}
