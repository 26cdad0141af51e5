package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.RunCounts;
import io.cronium.contract.ResultReport;
import io.cronium.contract.RunResult;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LogLine;
import io.cronium.operator.observability.KubernetesEventReasons;
import io.cronium.operator.testing.CapturedLog;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.cronium.operator.variables.VariableStore;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API tier: the real operator, in-process, against the mock API server. No kubelet runs here:
 * the test plays the node by writing Pod statuses.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class JobRunLifecycleTest {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @InjectLocalCluster LocalCluster cluster;
  @Inject MeterRegistry registry;

  private KubernetesClient client;
  private String namespace;

  @BeforeEach
  void freshNamespace() {
    client = cluster.client();
    namespace = "lifecycle-" + NAMESPACES.incrementAndGet();
    cluster.createNamespace(namespace);
  }

  private Event createEvent(String name, int timeoutSeconds) {
    Event event = TestRuns.bashEvent(name, "echo Hello World");
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setTimeoutSeconds(timeoutSeconds);
    return client.resource(event).create();
  }

  private JobRun createRun(String name, String eventName) {
    return client.resource(TestRuns.newRun(namespace, name, eventName)).create();
  }

  private JobRun run(String name) {
    return client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
  }

  private Pod awaitPod(String name) {
    return await().atMost(WAIT).until(() -> client.pods().inNamespace(namespace).withName(name).get(), p -> p != null);
  }

  private void setPodStatus(String name, PodStatus status) {
    TestRuns.writePodStatus(client, namespace, name, status);
  }

  private JobRun awaitPhase(String name, JobRunPhase phase) {
    return await().atMost(WAIT).until(() -> run(name), r -> r != null && r.phase() == phase);
  }

  private List<Pod> managedPods() {
    return client.pods().inNamespace(namespace).withLabel(JobRunLabels.MANAGED_BY, JobRunLabels.OPERATOR).list().getItems();
  }

  /** {@code kubectl wait --for=condition=TYPE jobrun/NAME}, as a user runs it; its exit code. */
  private int kubectlWait(String condition, String name) throws IOException, InterruptedException {
    Path kubeconfig = cluster.writeKubeconfig(Files.createTempFile("kubeconfig", ".yaml"));
    Process wait = new ProcessBuilder(
            cluster.controlPlane().binaries().path("kubectl").toString(), "--kubeconfig", kubeconfig.toString(),
            "-n", namespace, "wait", "--for=condition=" + condition, "jobrun/" + name, "--timeout=20s")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    return wait.waitFor();
  }

  @Test
  void runGoesPendingRunningSucceededWithOneOwnedPodOfTheDefaultImage() throws Exception {
    createEvent("hello", 600);
    JobRun created = createRun("hello-run-1", "hello");

    Pod pod = awaitPod("hello-run-1");
    assertThat(pod.getSpec().getContainers().get(0).getImage())
        .isEqualTo("cronium/runtime-api:0.1.0")
        .doesNotEndWith(":latest");
    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid()));
    JobRun pending = awaitPhase("hello-run-1", JobRunPhase.Pending);
    assertThat(pending.getStatus().getPodName()).isEqualTo("hello-run-1");

    // A start time within the run's timeout: the operator stops runs that overstay it.
    String startedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    setPodStatus("hello-run-1", TestRuns.running(startedAt));
    JobRunStatus running = awaitPhase("hello-run-1", JobRunPhase.Running).getStatus();
    assertThat(running.getStartTime()).isEqualTo(startedAt);
    assertThat(running.getConditions()).extracting(Condition::getType, Condition::getStatus)
        .containsExactly(tuple("Running", "True"), tuple("Complete", "False"), tuple("Failed", "False"));

    setPodStatus(
        "hello-run-1",
        TestRuns.terminated(0, "{\"exitCode\":0,\"output\":{\"greeting\":\"Hello World\"}}"));
    JobRunStatus done = awaitPhase("hello-run-1", JobRunPhase.Succeeded).getStatus();
    assertThat(kubectlWait("Complete", "hello-run-1")).isZero();
    assertThat(done.getObservedGeneration()).isEqualTo(created.getMetadata().getGeneration());
    assertThat(done.getExitCode()).isZero();
    assertThat(done.getOutput().get("greeting").asText()).isEqualTo("Hello World");
    assertThat(done.getCompletionTime()).isEqualTo("2026-11-28T10:00:03Z");

    await().atMost(WAIT).untilAsserted(() -> {
      Event event = client.resources(Event.class).inNamespace(namespace).withName("hello").get();
      assertThat(event.getStatus().getRunCounts()).isEqualTo(new RunCounts(1, 0, 0));
      assertThat(event.getStatus().getLastRun().getName()).isEqualTo("hello-run-1");
      assertThat(event.getStatus().getLastRun().getPhase()).isEqualTo(JobRunPhase.Succeeded);
      assertThat(event.getStatus().getActive()).isEmpty();
    });
    assertThat(managedPods()).hasSize(1);
    // Its result is stored: the Pod no longer needs the operator to go (uninstalling leaves none
    // Terminating).
    await().atMost(WAIT).until(() -> !client.pods().inNamespace(namespace).withName("hello-run-1").get()
        .getMetadata().getFinalizers().contains(ResultTracking.FINALIZER));
  }

  @Test
  void anOutputInChunkLinesArrivesWholeAndTheLogTailShowsOnlyTheScriptsLines() {
    createEvent("chunky", 600);
    createRun("chunky-run-1", "chunky");
    awaitPod("chunky-run-1");
    String text = "0123456789abcdef".repeat(900 * 1024 / 16);
    ResultReport report = largeResult(text);
    ScriptedPodLogs.INSTANCE.serve(namespace, "chunky-run-1", linesOf(report));

    setPodStatus("chunky-run-1", TestRuns.terminated(0, report.terminationMessage()));

    JobRunStatus done = awaitPhase("chunky-run-1", JobRunPhase.Succeeded).getStatus();
    assertThat(report.logLines()).hasSizeGreaterThan(200);
    assertThat(done.getOutput().get("text").asText()).isEqualTo(text);
    assertThat(done.getOutputTruncated()).isNull();
    assertThat(done.getLogTail()).isEqualTo("working\n");
    assertThat(done.getMessage()).isEqualTo("the script exited with code 0.");
  }

  /** A large result's lines as runtime-api prints them after one line of the script's own. */
  private static List<LogLine> linesOf(ResultReport report) {
    Instant at = Instant.parse("2026-11-28T10:00:02Z");
    List<LogLine> lines = new ArrayList<>();
    lines.add(new LogLine(at, "working"));
    report.logLines().forEach(line -> lines.add(new LogLine(at, line)));
    return lines;
  }

  private static ResultReport largeResult(String text) {
    return ResultReport.of(new RunResult(0, Optional.of(JsonNodeFactory.instance.objectNode().put("text", text)),
        Optional.empty(), Map.of("seen", JsonNodeFactory.instance.textNode("yes")), Set.of(), false, null, false,
        false, 0));
  }

  @Test
  void aResultWhoseLogTheNodeFirstServesCutIsReadAgainUntilItIsWhole() {
    createEvent("late-log", 600);
    createRun("late-log-run-1", "late-log");
    awaitPod("late-log-run-1");
    String text = "late".repeat(200 * 1024);
    ResultReport report = largeResult(text);
    List<LogLine> whole = linesOf(report);
    AtomicInteger reads = new AtomicInteger();
    // As a node whose log copy stops short (podman#21914) serves it the first time.
    ScriptedPodLogs.INSTANCE.serve(namespace, "late-log-run-1",
        (pod, container) -> reads.incrementAndGet() == 1 ? whole.subList(0, whole.size() / 2) : whole);

    setPodStatus("late-log-run-1",
        TestRuns.terminated(0, report.terminationMessage(), Instant.now().minusSeconds(1), Instant.now()));

    JobRunStatus done = awaitPhase("late-log-run-1", JobRunPhase.Succeeded).getStatus();
    assertThat(reads).hasValueGreaterThanOrEqualTo(2);
    assertThat(done.getOutput().get("text").asText()).isEqualTo(text);
    assertThat(client.configMaps().inNamespace(namespace).withName(VariableStore.CONFIG_MAP_NAME).get().getData())
        .containsKey("seen");
  }

  @Test
  void aResultWhoseLogIsNeverServedFailsTheRunAsResultNotReadOnceTheResultWaitIsOver() {
    createEvent("no-log", 600);
    createRun("no-log-run-1", "no-log");
    awaitPod("no-log-run-1");
    ResultReport report = largeResult("lost".repeat(1024));

    setPodStatus("no-log-run-1",
        TestRuns.terminated(0, report.terminationMessage(), Instant.now().minusSeconds(1), Instant.now()));

    // the test profile's result wait is 2 s
    JobRun failed = awaitPhase("no-log-run-1", JobRunPhase.Failed);
    assertThat(failed.getStatus().getReason()).isEqualTo(JobRunReasons.RESULT_NOT_READ);
    assertThat(failed.getStatus().getExitCode()).isZero();
    assertThat(failed.getStatus().getMessage()).contains("log of Pod no-log-run-1");
  }

  @Test
  void terminalPhaseNeverChangesAndRepeatedReconcilesNeverCreateASecondPod() {
    createEvent("stable", 600);
    createRun("stable-run-1", "stable");
    awaitPod("stable-run-1");
    setPodStatus("stable-run-1", TestRuns.terminated(3, "{\"exitCode\":3}"));
    JobRun failed = awaitPhase("stable-run-1", JobRunPhase.Failed);
    assertThat(failed.getStatus().getExitCode()).isEqualTo(3);
    assertThat(failed.getStatus().getReason()).isEqualTo(JobRunReasons.SCRIPT_FAILED);

    // A late, contradicting report and several wake-ups must change nothing.
    setPodStatus("stable-run-1", TestRuns.terminated(0, "{\"exitCode\":0}"));
    for (int i = 0; i < 3; i++) {
      TestRuns.touch(client, JobRun.class, namespace, "stable-run-1");
    }
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(run("stable-run-1").phase()).isEqualTo(JobRunPhase.Failed);
      assertThat(run("stable-run-1").getStatus().getExitCode()).isEqualTo(3);
      assertThat(managedPods()).hasSize(1);
    });
  }

  @Test
  void anEventsStatusWritesNeverWakeItsRunsButASpecChangeDoes() throws InterruptedException {
    createEvent("watched", 600);
    createRun("watched-run-1", "watched");
    awaitPod("watched-run-1");
    setPodStatus("watched-run-1", TestRuns.terminated(0, "{\"exitCode\":0}"));
    awaitPhase("watched-run-1", JobRunPhase.Succeeded);
    await().atMost(WAIT).until(() -> {
      Event event = client.resources(Event.class).inNamespace(namespace).withName("watched").get();
      return event.getStatus().getLastRun() != null && event.getStatus().getLastRun().getPhase() == JobRunPhase.Succeeded;
    });

    double before = runReconciles();
    // Paced so that each write, were it heard, would be a reconcile of its own.
    for (int i = 0; i < 10; i++) {
      client.resources(Event.class).inNamespace(namespace).withName("watched").subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE),
              "{\"status\":{\"nextScheduleTime\":\"2026-11-28T10:00:0" + i + "Z\"}}");
      Thread.sleep(200);
    }
    client.resources(Event.class).inNamespace(namespace).withName("watched")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"timeoutSeconds\":601}}");

    // The spec change, the last of the eleven writes, wakes the run; the ten status writes did not.
    await().atMost(WAIT).until(() -> runReconciles() > before);
    assertThat(runReconciles() - before).isLessThan(5);
  }

  /** Reconciles the run controller has started, of any run in any namespace. */
  private double runReconciles() {
    return registry.find("reconciliations.started.total").tag("controller.name", "jobrunreconciler").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  @Test
  void runtimeReportedTimeoutEndsTimedOut() {
    createEvent("slow", 600);
    createRun("slow-run-1", "slow");
    awaitPod("slow-run-1");

    setPodStatus("slow-run-1", TestRuns.terminated(124, "{\"exitCode\":124,\"timedOut\":true}"));

    JobRun timedOut = awaitPhase("slow-run-1", JobRunPhase.TimedOut);
    assertThat(timedOut.getStatus().getExitCode()).isEqualTo(-1);
    assertThat(timedOut.getStatus().getReason()).isEqualTo(JobRunReasons.TIMED_OUT);
  }

  @Test
  void operatorStopsARunThatOverstaysItsTimeout() {
    createEvent("stuck", 1);
    createRun("stuck-run-1", "stuck");
    awaitPod("stuck-run-1");
    ScriptedPodLogs.INSTANCE.serve(namespace, "stuck-run-1",
        List.of(new LogLine(Instant.parse("2026-11-28T10:00:01Z"), "still working")));
    setPodStatus("stuck-run-1", TestRuns.running(Instant.now().toString()));

    // timeoutSeconds 1 + the test profile's 1 s grace
    JobRun timedOut = awaitPhase("stuck-run-1", JobRunPhase.TimedOut);
    assertThat(timedOut.getStatus().getReason()).isEqualTo(JobRunReasons.DEADLINE_EXCEEDED);
    assertThat(timedOut.getStatus().getExitCode()).isEqualTo(-1);
    assertThat(timedOut.getStatus().getLogTail()).as("what it printed before it was stopped")
        .isEqualTo("still working\n");
    await().atMost(WAIT).until(() -> client.pods().inNamespace(namespace).withName("stuck-run-1").get() == null);
  }

  @Test
  void unpullableImageFailsTheRunNamingTheImageAndTheFix() {
    createEvent("pull", 600);
    createRun("pull-run-1", "pull");
    awaitPod("pull-run-1");

    setPodStatus("pull-run-1", TestRuns.waiting("ImagePullBackOff", "Back-off pulling image"));

    JobRun failed = awaitPhase("pull-run-1", JobRunPhase.Failed);
    assertThat(failed.getStatus().getReason()).isEqualTo(JobRunReasons.IMAGE_PULL_FAILED);
    assertThat(failed.getStatus().getMessage())
        .contains("cronium/runtime-api:0.1.0")
        .contains("make image");
    await().atMost(WAIT).until(() -> client.pods().inNamespace(namespace).withName("pull-run-1").get() == null);
  }

  @Test
  void runForAMissingEventWaitsAndStartsOnceTheEventExists() {
    createRun("late-run-1", "late");
    JobRun waiting =
        await().atMost(WAIT).until(() -> run("late-run-1"),
            r -> r.getStatus() != null && JobRunReasons.EVENT_NOT_FOUND.equals(r.getStatus().getReason()));
    assertThat(waiting.getStatus().getMessage()).contains("\"late\"");
    assertThat(managedPods()).isEmpty();

    createEvent("late", 600);

    awaitPod("late-run-1");
  }

  @Test
  void deletingARunningRunRemovesItsPodThroughTheGarbageCollector() {
    createEvent("collected", 600);
    createRun("collected-run-1", "collected");
    awaitPod("collected-run-1");
    setPodStatus("collected-run-1", TestRuns.running(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString()));
    awaitPhase("collected-run-1", JobRunPhase.Running);

    client.resources(JobRun.class).inNamespace(namespace).withName("collected-run-1").delete();

    await().atMost(TestRuns.GARBAGE_COLLECTION_WAIT).until(() -> client.pods().inNamespace(namespace).withName("collected-run-1").get() == null);
  }

  @Test
  void aPodTheApiServerRefusesEndsTheRunPodRejectedWithTheServersMessage() {
    client.resource(new ResourceQuotaBuilder().withNewMetadata().withName("no-pods").withNamespace(namespace)
        .endMetadata().withNewSpec().addToHard("pods", new Quantity("0")).endSpec().build()).create();
    createEvent("quota", 600);
    createRun("quota-run-1", "quota");

    JobRun rejected = awaitPhase("quota-run-1", JobRunPhase.Failed);

    assertThat(rejected.getStatus().getReason()).isEqualTo(JobRunReasons.POD_REJECTED);
    assertThat(rejected.getStatus().getMessage())
        .startsWith("the API server refused Pod quota-run-1: ").contains("quota");
    assertThat(client.pods().inNamespace(namespace).withName("quota-run-1").get()).isNull();
  }

  @Test
  void podDeletedBeforeReportingFailsTheRunAsPodLost() {
    createEvent("lost", 600);
    createRun("lost-run-1", "lost");
    awaitPod("lost-run-1");
    awaitPhase("lost-run-1", JobRunPhase.Pending);

    client.pods().inNamespace(namespace).withName("lost-run-1").delete();

    assertThat(awaitPhase("lost-run-1", JobRunPhase.Failed).getStatus().getReason())
        .isEqualTo(JobRunReasons.POD_LOST);
  }

  @Test
  void aRunTooLargeForAPodFailsWithoutCreatingOne() {
    Event event = TestRuns.bashEvent("huge", "echo '" + "x".repeat(130 * 1024) + "'");
    event.getMetadata().setNamespace(namespace);
    client.resource(event).create();
    createRun("huge-run-1", "huge");

    JobRun failed = awaitPhase("huge-run-1", JobRunPhase.Failed);
    assertThat(failed.getStatus().getReason()).isEqualTo(JobRunReasons.RUN_SPEC_TOO_LARGE);
    assertThat(managedPods()).isEmpty();
  }

  @Test
  void cancellingARunningRunStopsItsPodAndEndsCancelledCountedOnce() throws Exception {
    createEvent("cancel", 600);
    createRun("cancel-run-1", "cancel");
    awaitPod("cancel-run-1");
    setPodStatus("cancel-run-1", TestRuns.running(Instant.now().toString()));
    awaitPhase("cancel-run-1", JobRunPhase.Running);

    cancel("cancel-run-1");

    JobRunStatus cancelled = awaitPhase("cancel-run-1", JobRunPhase.Cancelled).getStatus();
    assertThat(kubectlWait("Failed", "cancel-run-1")).isZero();
    assertThat(cancelled.getExitCode()).isEqualTo(-2);
    assertThat(cancelled.getReason()).isEqualTo(JobRunReasons.CANCELLED);
    assertThat(cancelled.getCompletionTime()).isNotNull();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(namespace).withName("cancel-run-1").get() == null);
    await().atMost(WAIT).untilAsserted(() -> {
      Event event = client.resources(Event.class).inNamespace(namespace).withName("cancel").get();
      assertThat(event.getStatus().getRunCounts()).isEqualTo(new RunCounts(0, 0, 0, 1));
      assertThat(event.getStatus().getActive()).isEmpty();
      assertThat(client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class)
              .inNamespace(namespace).list().getItems())
          .anySatisfy(recorded -> {
            assertThat(recorded.getRegarding().getKind()).isEqualTo("Event");
            assertThat(recorded.getReason()).isEqualTo(KubernetesEventReasons.RUN_CANCELLED);
          });
    });
    // A late report from the dying container must not turn the run into a failure.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(run("cancel-run-1").phase()).isEqualTo(JobRunPhase.Cancelled));
    assertThat(managedPods()).isEmpty();
  }

  @Test
  void cancellingAQueuedOrPendingRunNeverCreatesAPod() {
    createEvent("early", 600);
    JobRun run = TestRuns.newRun(namespace, "early-run-1", "early");
    run.getSpec().setCancel(true);
    client.resource(run).create();

    JobRunStatus cancelled = awaitPhase("early-run-1", JobRunPhase.Cancelled).getStatus();
    assertThat(cancelled.getExitCode()).isEqualTo(-2);
    assertThat(managedPods()).isEmpty();
  }

  @Test
  void aSecretValueFromEnvNeverAppearsInStatusEventsOrTheOperatorLog() {
    String secretValue = "hunter2-s3cr3t-9f7c";
    CapturedLog log = CapturedLog.start();
    try {
      client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
          .withNewMetadata().withName("db").withNamespace(namespace).endMetadata()
          .addToStringData("password", secretValue)
          .build()).create();
      Event event = TestRuns.bashEvent("secretive", "echo \"$PASSWORD\" | wc -c");
      event.getMetadata().setNamespace(namespace);
      event.getSpec().setEnv(List.of(
          new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("PASSWORD").withNewValueFrom()
              .withNewSecretKeyRef("password", "db", false).endValueFrom().build(),
          new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("MISSING").withNewValueFrom()
              .withNewSecretKeyRef("token", "absent", false).endValueFrom().build()));
      client.resource(event).create();
      createRun("secretive-run-1", "secretive");
      Pod pod = awaitPod("secretive-run-1");
      assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(pod)).doesNotContain(secretValue);

      // The kubelet resolves env when it creates the container; here it finds one Secret missing.
      setPodStatus("secretive-run-1",
          TestRuns.waiting("CreateContainerConfigError", "secret \"absent\" not found"));
      JobRunStatus failed = awaitPhase("secretive-run-1", JobRunPhase.Failed).getStatus();
      assertThat(failed.getReason()).isEqualTo(JobRunReasons.ENV_SOURCE_NOT_FOUND);
      assertThat(failed.getMessage()).startsWith("Secret \"absent\"");
      await().atMost(WAIT).until(() -> client.pods().inNamespace(namespace).withName("secretive-run-1").get() == null);
      await().atMost(WAIT).until(() -> client.resources(Event.class).inNamespace(namespace).withName("secretive")
          .get().getStatus().getRunCounts().getFailed() == 1);

      assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(run("secretive-run-1")))
          .doesNotContain(secretValue);
      assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(
              client.resources(Event.class).inNamespace(namespace).withName("secretive").get()))
          .doesNotContain(secretValue);
      assertThat(client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class).inNamespace(namespace)
              .list().getItems())
          .isNotEmpty()
          .allSatisfy(recorded -> assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(recorded))
              .doesNotContain(secretValue));
      assertThat(log.text()).contains("secretive").doesNotContain(secretValue);
    } finally {
      log.stop();
    }
  }

  /** As kubectl patch does: a merge patch without resourceVersion, so it cannot conflict. */
  private void cancel(String name) {
    client.resources(JobRun.class).inNamespace(namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
  }
}
