package io.cronium.localcluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Preconditions the API server checks on a write and the stock mock does not: a uid in the body must
 * name the stored object, and a resourceVersion sent to /status must be the current one.
 */
final class WritePreconditions {

  private WritePreconditions() {
  }

  /** Why the write must fail with 409, or empty when it may proceed. */
  static Optional<String> failure(JsonNode sentMetadata, JsonNode storedMetadata, boolean statusWrite) {
    String uid = sentMetadata.path("uid").asText("");
    if (!uid.isEmpty() && !uid.equals(storedMetadata.path("uid").asText())) {
      return Optional.of("Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
          + storedMetadata.path("uid").asText());
    }
    String version = sentMetadata.path("resourceVersion").asText("");
    if (statusWrite && !version.isEmpty() && !version.equals(storedMetadata.path("resourceVersion").asText())) {
      return Optional.of("Operation cannot be fulfilled: the object has been modified; "
          + "please apply your changes to the latest version and try again");
    }
    return Optional.empty();
  }
}
