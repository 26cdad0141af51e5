package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class PodRejectionTest {

  private static KubernetesClientException refusal(int code, String message) {
    return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @Test
  void forbiddenAndInvalidPodsAreFinalAndQuoteTheApiServer() {
    var quota = refusal(403, "pods \"r-1\" is forbidden: exceeded quota: none, requested: pods=1, used: pods=0, limited: pods=0");
    var invalid = refusal(422, "Pod \"r-1\" is invalid: spec.containers[0].resources.limits: Invalid value");

    assertThat(PodRejection.isFinal(quota)).isTrue();
    assertThat(PodRejection.isFinal(invalid)).isTrue();
    assertThat(PodRejection.message("r-1", quota))
        .isEqualTo("the API server refused Pod r-1: pods \"r-1\" is forbidden: exceeded quota: none, requested:"
            + " pods=1, used: pods=0, limited: pods=0");
  }

  @Test
  void aNamespaceWithoutItsDefaultServiceAccountYetIsTriedAgain() {
    assertThat(PodRejection.isFinal(refusal(403, "pods \"r-1\" is forbidden: error looking up service account"
        + " team/default: serviceaccount \"default\" not found"))).isFalse();
  }

  @Test
  void otherErrorsAreNotRejections() {
    assertThat(PodRejection.isFinal(refusal(409, "already exists"))).isFalse();
    assertThat(PodRejection.isFinal(refusal(500, "etcdserver: request timed out"))).isFalse();
  }
}
