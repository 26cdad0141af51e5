package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET .../pods/{name}/log} served from a pluggable {@link PodLogSource}. */
class PodLogEndpointTest {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final Map<String, List<LogLine>> LOGS = Map.of(
      "main", List.of(
          new LogLine(T0, "first"),
          new LogLine(T0.plusSeconds(10), "second"),
          new LogLine(T0.plusSeconds(20), "third ü")),
      "side", List.of(new LogLine(T0, "side line")));

  static LocalCluster cluster;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.builder()
        .podLogSource((pod, container) -> pod.getMetadata().getName().startsWith("logged")
            ? LOGS.getOrDefault(container, List.of())
            : List.of())
        .start();
    client = cluster.client();
    client.resource(pod("logged", "main")).create();
    client.resource(pod("logged-two", "main", "side")).create();
    Pod waiting = pod("pulling", "main");
    client.resource(waiting).create();
    waiting.setStatus(new PodStatusBuilder().withPhase("Pending")
        .addNewContainerStatus().withName("main").withNewState().withNewWaiting().withReason("ImagePullBackOff")
        .endWaiting().endState().endContainerStatus().build());
    client.pods().resource(waiting).updateStatus();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void returnsAllLines() {
    assertThat(client.pods().withName("logged").getLog()).isEqualTo("first\nsecond\nthird ü\n");
  }

  @Test
  void tailLinesKeepsTheLastLines() {
    assertThat(client.pods().withName("logged").tailingLines(2).getLog()).isEqualTo("second\nthird ü\n");
  }

  @Test
  void timestampsPrefixEachLine() {
    assertThat(client.pods().withName("logged").usingTimestamps().tailingLines(1).getLog())
        .isEqualTo("2026-01-01T10:00:20Z third ü\n");
  }

  @Test
  void sinceTimeDropsOlderLines() {
    assertThat(client.pods().withName("logged").sinceTime("2026-01-01T10:00:10Z").getLog())
        .isEqualTo("second\nthird ü\n");
  }

  @Test
  void limitBytesCutsTheBody() {
    assertThat(client.pods().withName("logged").limitBytes(8).getLog()).isEqualTo("first\nse");
  }

  @Test
  void followReturnsWhatExistsAndEnds() throws IOException {
    try (LogWatch watch = client.pods().withName("logged").watchLog()) {
      assertThat(new String(watch.getOutput().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("first\nsecond\nthird ü\n");
    }
  }

  @Test
  void aPodWithSeveralContainersNeedsTheContainerName() {
    assertThat(client.pods().withName("logged-two").inContainer("side").getLog()).isEqualTo("side line\n");
    assertThatThrownBy(() -> client.pods().withName("logged-two").getLog())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getMessage()).contains("a container name must be specified");
        });
  }

  @Test
  void anUnknownPodIsNotFound() {
    assertThatThrownBy(() -> client.pods().withName("nobody").getLog())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(404);
          assertThat(e.getStatus().getReason()).isEqualTo("NotFound");
        });
  }

  @Test
  void aContainerThatNeverStartedIsABadRequest() {
    assertThatThrownBy(() -> client.pods().withName("pulling").getLog())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getMessage()).contains("is waiting to start: ImagePullBackOff");
        });
  }

  static Pod pod(String name, String... containers) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().endSpec();
    for (String container : containers) {
      pod.editSpec().addNewContainer().withName(container).withImage("example/image:1").endContainer().endSpec();
    }
    return pod.build();
  }
}
