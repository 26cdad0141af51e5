package io.cronium.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rendered object is a valid object of its kind for the fabric8 model (Kubernetes 1.33
 * API): known kind, values of the right types, and no field the API server would reject as
 * unknown. The Kubernetes OpenAPI check of the same renders is hack/validate-k8s-schema.mjs.
 */
class RenderedManifestsTest {

  @Test
  void everyRenderedObjectIsStrictlyValidForItsKind() {
    for (RenderedManifests manifests : RenderedManifests.underTest()) {
      List<String> problems = new ArrayList<>();
      for (String document : manifests.documents()) {
        try {
          HasMetadata object = (HasMetadata) io.fabric8.kubernetes.client.utils.Serialization.unmarshal(document);
          UnknownFields.in(object).forEach(problem ->
              problems.add(object.getKind() + " " + object.getMetadata().getName() + ": " + problem));
        } catch (RuntimeException e) {
          problems.add(e.getMessage());
        }
      }
      assertThat(problems).as("objects rendered into %s", manifests).isEmpty();
    }
  }

  @Test
  void anUnknownOrMistypedFieldIsReported() {
    String deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers:
                - {name: c, image: i, imagePullPolicyy: Always}
        """;
    HasMetadata parsed = (HasMetadata) io.fabric8.kubernetes.client.utils.Serialization.unmarshal(deployment);
    assertThat(UnknownFields.in(parsed))
        .containsExactly(".spec.template.spec.containers[0]: unknown field(s) [imagePullPolicyy]");
  }
}
