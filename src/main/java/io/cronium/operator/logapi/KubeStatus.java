package io.cronium.operator.logapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;

/** A refusal as a Kubernetes {@code Status}, which kubectl prints as "Error from server (Reason): message". */
record KubeStatus(int code, String reason, String message) {

  static KubeStatus badRequest(String message) {
    return new KubeStatus(400, "BadRequest", message);
  }

  static KubeStatus unauthorized() {
    return new KubeStatus(401, "Unauthorized",
        "Unauthorized: only the API server's front proxy may call the log API (logs.cronium.io)");
  }

  static KubeStatus forbidden(RemoteUser user, String namespace, String run) {
    return new KubeStatus(403, "Forbidden", "jobruns.logs.cronium.io \"" + run + "\" is forbidden: User \""
        + user.name() + "\" cannot get resource \"jobruns/log\" in API group \"" + LogApiDiscovery.GROUP
        + "\" in the namespace \"" + namespace + "\"");
  }

  static KubeStatus notFound(String message) {
    return new KubeStatus(404, "NotFound", message);
  }

  static KubeStatus tooManyRequests() {
    return new KubeStatus(429, "TooManyRequests", "too many log reads at once; retry later");
  }

  static KubeStatus unavailable(String message) {
    return new KubeStatus(503, "ServiceUnavailable", message);
  }

  String json() {
    ObjectNode status = Serialization.jsonMapper().createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    return status.toString();
  }
}
