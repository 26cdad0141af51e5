package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cronium.api.v1alpha1.EgressPolicy;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.testing.HelmChart;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real API server's Pod Security admission, in a watched namespace as the chart creates it
 * (labelled {@code pod-security.kubernetes.io/enforce: restricted}), admits every kind of job Pod
 * and refuses a Pod that breaks one of the profile's rules. Pods go through a server-side dry run.
 */
class PodSecurityAdmissionTest {

  /** Its own watched namespace: the control plane is shared with other test classes. */
  private static final String NAMESPACE = "psa-restricted";
  private static LocalCluster cluster;
  private static KubernetesClient client;

  private final JobPodBuilder builder =
      new JobPodBuilder("cronium/runtime-api:test", "IfNotPresent", Duration.ofSeconds(15),
          new SandboxResources("2", "2Gi"), false);

  @BeforeAll
  static void createTheWatchedNamespaceFromTheChart() {
    cluster = LocalCluster.builder().start();
    client = cluster.client();
    Namespace namespace = HelmChart.template("-f", HelmChart.NAMESPACED_VALUES.toString(),
            "--set", "watchNamespaces={" + NAMESPACE + "}").stream()
        .filter(Namespace.class::isInstance).map(Namespace.class::cast)
        .filter(candidate -> candidate.getMetadata().getName().equals(NAMESPACE))
        .findFirst().orElseThrow(() -> new AssertionError("the chart renders no Namespace " + NAMESPACE));
    client.resource(namespace).create();
  }

  @AfterAll
  static void close() {
    client.namespaces().withName(NAMESPACE).delete();
    cluster.close();
  }

  @Test
  void theChartsNamespaceEnforcesRestrictedAndAdmitsEveryKindOfJobPod() {
    assertThat(client.namespaces().withName(NAMESPACE).get().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");

    for (Pod pod : List.of(
        jobPod(EventType.Bash, event -> {}),
        jobPod(EventType.Python, event -> event.getSpec().setEgress(EgressPolicy.None)),
        jobPod(EventType.NodeJS, event -> {}))) {
      assertThat(client.resource(pod).dryRun().create().getMetadata().getName()).isEqualTo("run-1");
    }
  }

  @Test
  void aJobPodThatBreaksARestrictedRuleIsRefusedWithTheRuleNamed() {
    Pod escalating = jobPod(EventType.Bash, event -> {});
    escalating.getSpec().getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true);
    Pod rootAllowed = jobPod(EventType.Bash, event -> {});
    rootAllowed.getSpec().getSecurityContext().setRunAsNonRoot(null);
    rootAllowed.getSpec().getContainers().get(0).getSecurityContext().setRunAsNonRoot(null);

    assertRefused(escalating, "allowPrivilegeEscalation != false");
    assertRefused(rootAllowed, "runAsNonRoot != true");
  }

  @Test
  void aPodNamingAMissingRuntimeClassIsRefusedForGoodSoTheRunFailsWithTheServersWords() {
    Pod sandboxed = jobPod(EventType.Bash, event -> event.getSpec().setRuntimeClassName("gvisor"));

    assertThatThrownBy(() -> client.resource(sandboxed).dryRun().create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(PodRejection.isFinal(e)).isTrue();
          assertThat(PodRejection.message("run-1", e)).contains("RuntimeClass \"gvisor\" not found");
        });
  }

  private Pod jobPod(EventType type, Consumer<Event> customize) {
    Event event = TestRuns.bashEvent("job", "echo hi");
    event.getSpec().setType(type);
    event.getMetadata().setNamespace(NAMESPACE);
    customize.accept(event);
    Pod pod = builder.build(TestRuns.manualRun("run-1", "job"), event, 1, Map.of());
    pod.getMetadata().setNamespace(NAMESPACE);
    return pod;
  }

  private static void assertRefused(Pod pod, String rule) {
    assertThatThrownBy(() -> client.resource(pod).dryRun().create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getMessage()).contains("violates PodSecurity \"restricted:latest\"").contains(rule);
        });
  }
}
