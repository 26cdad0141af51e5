package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LogLine;
import io.cronium.localcluster.ScriptedNode;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * API tier: job Pods carry the result-tracking finalizer, and a deleted Pod goes only once its
 * run holds the result, or at once when the run is gone; no Pod stays Terminating.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class PodReleaseTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Finished runs whose Pods are all deleted at once; -Dlogs.soak.runs=10000 for the long soak. */
  private static final int SOAK_RUNS = Integer.getInteger("logs.soak.runs", 60);
  private static final int SOAK_WAVE = 200;

  @InjectLocalCluster LocalCluster cluster;

  @Test
  void deletedPodStaysUntilItsLogTailIsStoredThenGoes() {
    KubernetesClient client = cluster.client();
    String ns = "release-tail";
    cluster.createNamespace(ns);
    createEvent(client, ns, "tail");
    List<LogLine> log = IntStream.rangeClosed(1, 3)
        .mapToObj(i -> new LogLine(Instant.parse("2026-11-28T10:00:0" + i + "Z"), "line " + i))
        .toList();
    ScriptedPodLogs.INSTANCE.serve(ns, "tail-1", log);
    client.resource(TestRuns.newRun(ns, "tail-1", "tail")).create();
    Pod pod = awaitPod(client, ns, "tail-1");
    assertThat(pod.getMetadata().getFinalizers()).contains(ResultTracking.FINALIZER);
    setPodStatus(client, ns, "tail-1", TestRuns.running(Instant.now().toString()));
    await().atMost(WAIT).until(() -> run(client, ns, "tail-1").phase() == JobRunPhase.Running);

    client.pods().inNamespace(ns).withName("tail-1").delete();
    // The kubelet stops the container and reports how it ended; the finalizer kept the Pod.
    await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName("tail-1").get()
        .getMetadata().getDeletionTimestamp() != null);
    setPodStatus(client, ns, "tail-1", TestRuns.terminated(143, "killed by SIGTERM"));

    await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName("tail-1").get() == null);
    JobRunStatus stored = run(client, ns, "tail-1").getStatus();
    assertThat(stored.getExitCode()).isEqualTo(143);
    assertThat(stored.getTerminationMessage()).isEqualTo("killed by SIGTERM");
    assertThat(stored.getLogTail()).isEqualTo("line 1\nline 2\nline 3\n");
  }

  @Test
  void podWhoseRunWasDeletedFirstIsReleased() {
    KubernetesClient client = cluster.client();
    String ns = "release-orphan";
    cluster.createNamespace(ns);
    createEvent(client, ns, "orphan");
    client.resource(TestRuns.newRun(ns, "orphan-1", "orphan")).create();
    awaitPod(client, ns, "orphan-1");
    setPodStatus(client, ns, "orphan-1", TestRuns.running(Instant.now().toString()));

    client.resources(JobRun.class).inNamespace(ns).withName("orphan-1").delete();
    await().atMost(WAIT).until(() -> run(client, ns, "orphan-1") == null);

    // The garbage collector deletes the Pod; the operator must then let it go.
    await().atMost(TestRuns.GARBAGE_COLLECTION_WAIT).until(() -> client.pods().inNamespace(ns).withName("orphan-1").get() == null);
  }

  @Test
  void runningPodTheKubeletNeverReportsOnIsReleasedAfterTheResultWaitAndItsRunIsPodLost() {
    KubernetesClient client = cluster.client();
    String ns = "release-silent";
    cluster.createNamespace(ns);
    createEvent(client, ns, "silent");
    client.resource(TestRuns.newRun(ns, "silent-1", "silent")).create();
    awaitPod(client, ns, "silent-1");
    setPodStatus(client, ns, "silent-1", TestRuns.running(Instant.now().toString()));
    await().atMost(WAIT).until(() -> run(client, ns, "silent-1").phase() == JobRunPhase.Running);
    client.pods().inNamespace(ns).withName("silent-1").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"" + ScriptedNode.UNRESPONSIVE + "\":\"true\"}}}");

    client.pods().inNamespace(ns).withName("silent-1").delete();

    // The test profile's result wait is 2 s past the deletion time; the Pod itself stays Terminating
    // until its node comes back, as on any cluster.
    await().atMost(WAIT).until(() -> {
      Pod pod = client.pods().inNamespace(ns).withName("silent-1").get();
      return pod == null || !pod.getMetadata().getFinalizers().contains(ResultTracking.FINALIZER);
    });
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(run(client, ns, "silent-1").getStatus().getReason()).isEqualTo(JobRunReasons.POD_LOST));
  }

  @Test
  void manyFinishedRunsNeverLeaveAPodTerminating() {
    KubernetesClient client = cluster.client();
    String ns = "release-soak";
    cluster.createNamespace(ns);
    createEvent(client, ns, "soak");
    // Waves, with each wave's runs deleted afterwards as history limits would: a real cluster
    // never holds 10,000 live runs of one Event, and the mock slows down as its store grows.
    for (int first = 0; first < SOAK_RUNS; first += SOAK_WAVE) {
      List<String> wave = IntStream.range(first, Math.min(first + SOAK_WAVE, SOAK_RUNS))
          .mapToObj(i -> "soak-" + i)
          .toList();
      finishAndDeletePods(client, ns, wave);
      for (String name : wave) {
        client.resources(JobRun.class).inNamespace(ns).withName(name).delete();
      }
      // A real API server expires Kubernetes Events after an hour; the mock keeps them all.
      client.events().v1().events().inNamespace(ns).delete();
    }
  }

  private static void finishAndDeletePods(KubernetesClient client, String ns, List<String> runs) {
    Duration waveWait = WAIT.multipliedBy(1 + runs.size() / 100);
    for (String name : runs) {
      client.resource(TestRuns.newRun(ns, name, "soak")).create();
    }
    for (int i = 0; i < runs.size(); i++) {
      awaitPod(client, ns, runs.get(i));
      setPodStatus(client, ns, runs.get(i), TestRuns.terminated(i % 2, "{\"exitCode\":" + i % 2 + "}"));
    }
    // The Event's history limits delete older finished runs meanwhile; gone counts as finished.
    await().atMost(waveWait).until(() -> runs.stream()
        .map(name -> run(client, ns, name))
        .allMatch(run -> run == null || run.phase().isTerminal()));

    client.pods().inNamespace(ns).delete();

    await().atMost(waveWait).untilAsserted(() ->
        assertThat(client.pods().inNamespace(ns).list().getItems())
            .as("Pods still held by %s", ResultTracking.FINALIZER)
            .isEmpty());
  }

  private static void createEvent(KubernetesClient client, String ns, String name) {
    Event event = TestRuns.bashEvent(name, "echo hi");
    event.getMetadata().setNamespace(ns);
    event.getSpec().setTimeoutSeconds(600);
    client.resource(event).create();
  }

  private static JobRun run(KubernetesClient client, String ns, String name) {
    return client.resources(JobRun.class).inNamespace(ns).withName(name).get();
  }

  private static Pod awaitPod(KubernetesClient client, String ns, String name) {
    return await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName(name).get(), p -> p != null);
  }

  private static void setPodStatus(KubernetesClient client, String ns, String name, PodStatus status) {
    TestRuns.writePodStatus(client, ns, name, status);
  }
}
