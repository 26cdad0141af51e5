package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.contract.OutputChunks;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Container tier: outputs far beyond the termination message travel through the real
 * runtime-api image's chunk lines and the podman node's log, which splits long lines.
 */
@Tag("container")
@QuarkusTest
@QuarkusTestResource(
    value = LocalClusterResource.class,
    initArgs = @ResourceArg(name = LocalClusterResource.PODMAN_NODE, value = "true"),
    restrictToAnnotatedClass = true)
class ContainerLargeOutputTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @InjectLocalCluster LocalCluster cluster;

  private JobRun runPython(String name, String script) {
    KubernetesClient client = cluster.client();
    String namespace = "large-output";
    cluster.createNamespace(namespace);
    Event event = TestRuns.bashEvent(name, script);
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setType(EventType.Python);
    return TestRuns.runToEnd(client, event, WAIT);
  }

  @Test
  void anOutputOf900KibArrivesIntact() {
    JobRun run = runPython("intact", "print('making output')\ncronium.output({'text': 'x' * (900 * 1024)})");

    assertThat(run.phase()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(run.getStatus().getOutput()).as(run.getStatus().getMessage()).isNotNull();
    assertThat(run.getStatus().getOutput().get("text").asText()).isEqualTo("x".repeat(900 * 1024));
    assertThat(run.getStatus().getOutputTruncated()).isNotEqualTo(Boolean.TRUE);
    assertThat(run.getStatus().getLogTail())
        .isEqualTo("making output\n")
        .doesNotContain(OutputChunks.MARKER);
  }

  @Test
  void anOutputOf2MibArrivesAsItsFirstMibFlaggedTruncated() {
    JobRun run = runPython("cut", "cronium.output({'text': 'y' * (2 * 1024 * 1024)})");

    assertThat(run.phase()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(run.getStatus().getOutput()).as(run.getStatus().getMessage()).isNotNull();
    assertThat(run.getStatus().getOutputTruncated()).isTrue();
    String head = run.getStatus().getOutput().get("value").asText();
    assertThat(head).startsWith("{\"text\":\"yyy");
    assertThat(head.length()).isBetween(1024 * 1024 - 32, 1024 * 1024);
    assertThat(run.getStatus().getLogTail()).doesNotContain(OutputChunks.MARKER);
  }
}
