package io.cronium.localcluster;

import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.RequestTally;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The real control plane with a {@link ScriptedNode}: CRDs are validated and established, the
 * controller manager collects garbage and deletes namespaces, the scheduler binds Pods to the node,
 * {@code pods/log} reaches the node's HTTPS endpoint through the API server, and a graceful delete
 * completes because the node finishes it.
 */
class LocalClusterTest {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final List<LogLine> LINES = new CopyOnWriteArrayList<>();
  private static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
      .withGroup("test.localcluster.io").withVersion("v1").withPlural("widgets").withNamespaced(true).build();

  static LocalCluster cluster;
  static KubernetesClient client;

  @TempDir
  Path temp;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.builder().crds(Path.of("src/test/resources/crds"))
        .scriptedNode((pod, container) -> LINES).start();
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static String newNamespace() {
    String namespace = "cluster-test-" + NAMESPACES.incrementAndGet();
    cluster.createNamespace(namespace);
    return namespace;
  }

  @Test
  void crdsAreEstablishedAndTheirSchemaIsEnforced() {
    String namespace = newNamespace();
    GenericKubernetesResource bad = new GenericKubernetesResourceBuilder().withApiVersion("test.localcluster.io/v1")
        .withKind("Widget").withNewMetadata().withName("bad").withNamespace(namespace).endMetadata()
        .addToAdditionalProperties("spec", Map.of("size", "not a number")).build();

    assertThatThrownBy(() -> client.genericKubernetesResources(WIDGETS).inNamespace(namespace).resource(bad).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining("spec.size");
  }

  @Test
  void kubeconfigWorksForKubectlAndShowsTheServerVersion() throws Exception {
    Path kubeconfig = cluster.writeKubeconfig(temp.resolve("nested/kubeconfig"));
    Process kubectl = new ProcessBuilder(cluster.controlPlane().binaries().path("kubectl").toString(),
        "--kubeconfig", kubeconfig.toString(), "version").redirectErrorStream(true).start();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(kubectl.waitFor()).as(output).isZero();
    assertThat(output).contains("Server Version: v1.37.2");
  }

  @Test
  void garbageCollectorDeletesDependentsOfADeletedOwner() {
    String namespace = newNamespace();
    ConfigMap owner = client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("owner").endMetadata().build()).create();
    client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("dependent")
        .addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName("owner")
        .withUid(owner.getMetadata().getUid()).endOwnerReference().endMetadata().build()).create();

    client.configMaps().inNamespace(namespace).withName("owner").delete();

    await().atMost(PATIENCE).until(() -> client.configMaps().inNamespace(namespace).withName("dependent").get() == null);
  }

  @Test
  void namespaceDeletionCompletes() {
    String namespace = newNamespace();
    client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("content")
        .endMetadata().build()).create();

    client.namespaces().withName(namespace).delete();

    await().atMost(PATIENCE).until(() -> client.namespaces().withName(namespace).get() == null);
  }

  @Test
  void podsAreBoundToTheNodeAndTheirLogsServedThroughTheApiServer() throws Exception {
    String namespace = newNamespace();
    Instant first = Instant.parse("2026-12-01T10:00:00Z");
    LINES.clear();
    LINES.addAll(List.of(new LogLine(first, "one"), new LogLine(first.plusSeconds(1), "two"),
        new LogLine(first.plusSeconds(2), "three")));
    Pod pod = client.pods().inNamespace(namespace).resource(pod("logs")).create();
    Pod bound = await().atMost(PATIENCE).until(() -> client.pods().inNamespace(namespace).withName("logs").get(),
        p -> ScriptedNode.NODE_NAME.equals(p.getSpec().getNodeName()));
    assertThat(bound.getMetadata().getUid()).isEqualTo(pod.getMetadata().getUid());
    markRunning(namespace, "logs");

    var logs = client.pods().inNamespace(namespace).withName("logs");
    assertThat(logs.getLog()).isEqualTo("one\ntwo\nthree\n");
    assertThat(logs.tailingLines(1).getLog()).isEqualTo("three\n");
    assertThat(logs.sinceTime(first.plusSeconds(1).toString()).getLog()).isEqualTo("two\nthree\n");
    assertThat(logs.usingTimestamps().tailingLines(1).getLog()).isEqualTo(first.plusSeconds(2) + " three\n");
    assertThat(logs.limitBytes(5).getLog()).isEqualTo("one\nt");
  }

  @Test
  void followStreamsNewLinesUntilTheContainerEnds() throws Exception {
    String namespace = newNamespace();
    Instant start = Instant.now();
    LINES.clear();
    LINES.add(new LogLine(start, "before"));
    client.pods().inNamespace(namespace).resource(pod("follow")).create();
    await().atMost(PATIENCE).until(() -> client.pods().inNamespace(namespace).withName("follow").get(),
        p -> p.getSpec().getNodeName() != null);
    markRunning(namespace, "follow");
    var watch = client.pods().inNamespace(namespace).withName("follow").watchLog();
    BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8));
    assertThat(lines.readLine()).isEqualTo("before");
    LINES.add(new LogLine(start.plusSeconds(1), "after"));
    assertThat(lines.readLine()).isEqualTo("after");
    markTerminated(namespace, "follow");
    assertThat(lines.readLine()).as("the stream ends with the container").isNull();
    watch.close();
  }

  @Test
  void gracefulDeleteOfARunningPodIsFinishedByTheNodeOnceTheGracePeriodIsOver() {
    String namespace = newNamespace();
    Pod graceful = pod("graceful");
    graceful.getSpec().setTerminationGracePeriodSeconds(2L);
    client.pods().inNamespace(namespace).resource(graceful).create();
    await().atMost(PATIENCE).until(() -> client.pods().inNamespace(namespace).withName("graceful").get(),
        p -> p.getSpec().getNodeName() != null);
    markRunning(namespace, "graceful");

    client.pods().inNamespace(namespace).withName("graceful").delete();

    Pod terminating = client.pods().inNamespace(namespace).withName("graceful").get();
    assertThat(terminating.getMetadata().getDeletionTimestamp()).as("a bound Pod is deleted gracefully").isNotNull();
    await().atMost(PATIENCE).until(() -> client.pods().inNamespace(namespace).withName("graceful").get() == null);
  }

  @Test
  void requestTallyCountsTheRequestsOfOneUser() {
    String namespace = newNamespace();
    RequestTally tally = cluster.requests(ControlPlane.ADMIN_USER::equals);

    client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("counted")
        .endMetadata().build()).create();
    client.configMaps().inNamespace(namespace).withName("counted").get();

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(tally.snapshot())
        .containsEntry("POST configmaps", 1L).containsEntry("GET configmaps", 1L));
    assertThat(tally.writes()).isEqualTo(1);
  }

  @Test
  void mainStartsAClusterWritesItsKubeconfigAndStopsOnSigterm() throws Exception {
    Path kubeconfig = temp.resolve("kubeconfig");
    Process main = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LocalClusterMain.class.getName(),
        "--crds", "src/test/resources/crds", "--kubeconfig", kubeconfig.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader output = new BufferedReader(new InputStreamReader(main.getInputStream(),
        StandardCharsets.UTF_8))) {
      List<String> seen = new ArrayList<>();
      for (String line = output.readLine(); line != null && !line.contains("local cluster ready at https://127.0.0.1:");
          line = output.readLine()) {
        seen.add(line);
      }
      assertThat(main.isAlive()).as("main still runs after: %s", seen).isTrue();
      assertThat(kubeconfig).as("written before ready, after: %s", seen).exists();
      assertThat(Files.readString(kubeconfig)).contains("server: https://127.0.0.1:").contains("client-key-data");

      main.destroy();

      assertThat(main.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    } finally {
      main.destroyForcibly();
    }
  }

  private static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("localhost/none:1").endContainer()
        .withRestartPolicy("Never").endSpec().build();
  }

  private static void markRunning(String namespace, String name) {
    setContainerState(namespace, name, "Running", new ContainerStateBuilder().withNewRunning()
        .withStartedAt(Instant.now().toString()).endRunning().build());
  }

  private static void markTerminated(String namespace, String name) {
    setContainerState(namespace, name, "Succeeded", new ContainerStateBuilder().withNewTerminated().withExitCode(0)
        .withReason("Completed").endTerminated().build());
  }

  private static void setContainerState(String namespace, String name, String phase,
      io.fabric8.kubernetes.api.model.ContainerState state) {
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    pod.setStatus(new PodStatusBuilder(pod.getStatus()).withPhase(phase).withContainerStatuses(
        new ContainerStatusBuilder().withName("main").withImage("localhost/none:1").withImageID("")
            .withReady("Running".equals(phase)).withRestartCount(0).withState(state).build()).build());
    client.pods().inNamespace(namespace).resource(pod).updateStatus();
  }
}
