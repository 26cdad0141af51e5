package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real Pods on podman, with the runtime base image. Enabled with {@code -Dgroups=container}; skipped
 * when podman or the image is missing.
 */
@Tag("container")
class PodmanNodeTest {

  static final String IMAGE = "localhost/cronium/runtime-base:bookworm";
  static final Path CONTAINERS_CONF = Path.of("../hack/containers.conf");
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static LocalCluster cluster;
  static KubernetesClient client;
  static PodmanNode.Options options;

  @BeforeAll
  static void start() {
    options = PodmanNode.Options.defaults()
        .withContainersConf(Files.exists(CONTAINERS_CONF) ? CONTAINERS_CONF.toAbsolutePath() : null);
    assumeTrue(PodmanNode.podmanAvailable(options), "podman is not usable here: container tests skipped");
    assumeTrue(new Podman(options.podmanExecutable(), options.containersConf()).imageExists(IMAGE),
        IMAGE + " is missing (make base-image): container tests skipped");
    cluster = LocalCluster.builder().podmanNode(options).start();
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aPodThatPrintsTwoLinesAndExits3EndsFailedWithItsExitCodeAndTerminationMessage(TestInfo test) {
    String name = name(test);
    Instant created = Instant.now();
    client.resource(pod(name, "echo one; echo two >&2; printf '{\"exitCode\":3}' > /dev/termination-log; exit 3"))
        .create();

    Pod pod = awaitPhase(name, "Failed");

    ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
    assertThat(terminated.getExitCode()).isEqualTo(3);
    assertThat(terminated.getReason()).isEqualTo("Error");
    assertThat(terminated.getMessage()).isEqualTo("{\"exitCode\":3}");
    assertThat(terminated.getStartedAt()).isNotNull();
    assertThat(terminated.getFinishedAt()).isNotNull();
    assertThat(pod.getStatus().getContainerStatuses().get(0).getImageID()).contains("@sha256:");
    assertThat(client.pods().withName(name).getLog()).isEqualTo("one\ntwo\n");
    System.out.printf("pod %s: created → Failed observed in %d ms%n", name,
        Duration.between(created, Instant.now()).toMillis());
  }

  @Test
  void aPodWhoseImageIsMissingWaitsWithErrImagePullThenImagePullBackOff(TestInfo test) {
    String name = name(test);
    Pod pod = pod(name, "true");
    pod.getSpec().getContainers().get(0).setImage("cronium/not-built-here:0.0.0");
    client.resource(pod).create();

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(waiting(name)).isNotNull()
        .extracting(ContainerStateWaiting::getReason).isEqualTo("ErrImagePull"));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(waiting(name)).isNotNull()
        .extracting(ContainerStateWaiting::getReason).isEqualTo("ImagePullBackOff"));
    assertThat(waiting(name).getMessage()).isEqualTo("image \"cronium/not-built-here:0.0.0\" not present on node");
    assertThat(client.pods().withName(name).get().getStatus().getPhase()).isEqualTo("Pending");
  }

  @Test
  void deletingARunningPodStopsItsContainer(TestInfo test) throws Exception {
    String name = name(test);
    Instant created = Instant.now();
    client.resource(pod(name, "echo started; exec sleep 300")).create();
    awaitPhase(name, "Running");
    System.out.printf("pod %s: created → Running observed in %d ms%n", name,
        Duration.between(created, Instant.now()).toMillis());
    assertThat(podmanPodsLabelled(name)).isNotEmpty();

    client.pods().withName(name).delete();

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(podmanPodsLabelled(name)).isEmpty());
  }

  @Test
  void aPodHeldByAFinalizerIsStoppedGracefullyAndGetsATerminalStatus(TestInfo test) {
    String name = name(test);
    Pod pod = pod(name, "trap 'echo stopping; exit 143' TERM; echo started; sleep 300 & wait");
    pod.getMetadata().setFinalizers(List.of("test.localcluster.io/keep"));
    pod.getSpec().setTerminationGracePeriodSeconds(5L);
    client.resource(pod).create();
    awaitPhase(name, "Running");
    await().atMost(PATIENCE).until(() -> client.pods().withName(name).getLog().contains("started"));

    client.pods().withName(name).delete();

    Pod stopped = awaitPhase(name, "Failed");
    assertThat(stopped.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
        .isEqualTo(143);
    assertThat(client.pods().withName(name).getLog()).contains("stopping");
    // A merge patch without resourceVersion: the node writes this Pod too.
    client.pods().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    await().atMost(PATIENCE).until(() -> client.pods().withName(name).get() == null);
  }

  @Test
  void podsGetEnvFromSecretsAndConfigMapVolumesAndReachTheApiServerOnLoopback(TestInfo test) {
    String name = name(test);
    client.resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
        .addToStringData("token", "s3cret").build()).create();
    client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("greeting", "\"hello\"").build()).create();
    Pod pod = pod(name, "echo token=$TOKEN; echo greeting=$(cat /etc/vars/greeting); "
        + "curl -sfk " + cluster.url() + "/version | grep -o gitVersion");
    pod.getSpec().getContainers().get(0).setEnv(List.of(new EnvVarBuilder()
        .withName("TOKEN").withNewValueFrom().withNewSecretKeyRef().withName(name).withKey("token")
        .endSecretKeyRef().endValueFrom().build()));
    pod.getSpec().getContainers().get(0).getVolumeMounts().add(new VolumeMountBuilder()
        .withName("vars").withMountPath("/etc/vars").withReadOnly(true).build());
    pod.getSpec().getVolumes().add(new VolumeBuilder().withName("vars")
        .withNewConfigMap().withName(name).endConfigMap().build());
    client.resource(pod).create();

    awaitPhase(name, "Succeeded");
    assertThat(client.pods().withName(name).getLog()).isEqualTo("token=s3cret\ngreeting=\"hello\"\ngitVersion\n");
  }

  @Test
  void runsManyPodsAtOnce() {
    String prefix = "many-pods";
    int count = 8;
    Instant created = Instant.now();
    for (int i = 0; i < count; i++) {
      client.resource(pod(prefix + "-" + i, "echo pod " + i + "; sleep 1")).create();
    }

    for (int i = 0; i < count; i++) {
      awaitPhase(prefix + "-" + i, "Succeeded");
      assertThat(client.pods().withName(prefix + "-" + i).getLog()).isEqualTo("pod " + i + "\n");
    }
    System.out.printf("%d pods (1 s each): created → all Succeeded in %d ms%n", count,
        Duration.between(created, Instant.now()).toMillis());
  }

  @Test
  void aPodPastItsActiveDeadlineFails(TestInfo test) {
    String name = name(test);
    Pod pod = pod(name, "exec sleep 300");
    pod.getSpec().setActiveDeadlineSeconds(2L);
    pod.getSpec().setTerminationGracePeriodSeconds(1L);
    client.resource(pod).create();

    Pod failed = awaitPhase(name, "Failed");

    assertThat(failed.getStatus().getReason()).isEqualTo("DeadlineExceeded");
    assertThat(failed.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
        .isEqualTo(137);
  }

  /** A Pod shaped like the operator's: uid 1000, read-only root, no capabilities, writable /tmp. */
  static Pod pod(String name, String script) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace("default").withLabels(Map.of("test-pod", name)).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        // This node projects no service-account tokens, and the job Pods need none.
        .withAutomountServiceAccountToken(false)
        .addNewContainer()
        .withName("runtime")
        .withImage(IMAGE)
        .withCommand("bash", "-c", script)
        .withNewSecurityContext().withRunAsUser(1000L).withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .withNewResources().addToLimits("memory", new Quantity("256Mi"))
        .addToLimits("cpu", new Quantity("500m")).endResources()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .endContainer()
        .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
        .endSpec()
        .build();
  }

  static Pod awaitPhase(String name, String phase) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      Pod pod = client.pods().withName(name).get();
      assertThat(pod.getStatus()).as("status of %s", name).isNotNull();
      assertThat(pod.getStatus().getPhase()).as("phase of %s: %s", name, pod.getStatus()).isEqualTo(phase);
    });
    return client.pods().withName(name).get();
  }

  static ContainerStateWaiting waiting(String name) {
    Pod pod = client.pods().withName(name).get();
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses().isEmpty()) {
      return null;
    }
    ContainerState state = pod.getStatus().getContainerStatuses().get(0).getState();
    return state == null ? null : state.getWaiting();
  }

  static List<String> podmanPodsLabelled(String name) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("podman", "pod", "ps", "-q", "--filter", "label=test-pod=" + name);
    if (options.containersConf() != null) {
      builder.environment().put("CONTAINERS_CONF", options.containersConf().toString());
    }
    Process process = builder.redirectErrorStream(true).start();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
        .filter(line -> !line.isBlank()).toList();
  }

  static String name(TestInfo test) {
    String method = test.getTestMethod().orElseThrow().getName().toLowerCase();
    return method.substring(0, Math.min(40, method.length()));
  }
}
