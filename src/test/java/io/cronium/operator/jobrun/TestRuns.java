package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.ActionTrigger;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventReference;
import io.cronium.api.v1alpha1.EventSpec;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunSpec;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.api.v1alpha1.NotifyAction;
import io.cronium.api.v1alpha1.ScheduleSpec;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;

/** Small builders for Events, JobRuns and Pod states shared by the unit tests. */
public final class TestRuns {

  /**
   * How long a test waits for the garbage collector to remove a deleted run's Pod: it starts
   * watching a newly installed CRD only at its next discovery sync, every 30 s.
   */
  public static final Duration GARBAGE_COLLECTION_WAIT = Duration.ofSeconds(60);

  private TestRuns() {}

  /** A notify action: {@code message} (and {@code subject}) through the tool Secret {@code tool}. */
  public static Action notifyAction(ActionTrigger when, String tool, String subject, String message) {
    Action action = new Action();
    action.setWhen(when);
    action.setNotify(new NotifyAction(tool, subject, message));
    return action;
  }

  public static Event bashEvent(String name, String script) {
    EventSpec spec = new EventSpec();
    spec.setType(EventType.Bash);
    spec.setScript(script);
    Event event = new Event();
    event.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").build());
    event.setSpec(spec);
    return event;
  }

  /** A Bash Event in {@code namespace} that comes due by {@code cron}. */
  public static Event cronEvent(String namespace, String name, String script, String cron) {
    Event event = bashEvent(name, script);
    event.getMetadata().setNamespace(namespace);
    ScheduleSpec schedule = new ScheduleSpec();
    schedule.setCron(cron);
    event.getSpec().setSchedule(schedule);
    return event;
  }

  public static JobRun manualRun(String name, String eventName) {
    JobRunSpec spec = new JobRunSpec();
    spec.setEventRef(new EventReference(eventName));
    JobRun run = new JobRun();
    run.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("team-a")
            .withUid("uid-" + name)
            .withCreationTimestamp("2026-11-28T10:00:00Z")
            .build());
    run.setSpec(spec);
    return run;
  }

  /** A manual run as a client submits it: no uid or creation time, the API server sets them. */
  public static JobRun newRun(String namespace, String name, String eventName) {
    JobRun run = manualRun(name, eventName);
    run.getMetadata().setNamespace(namespace);
    run.getMetadata().setUid(null);
    run.getMetadata().setCreationTimestamp(null);
    return run;
  }

  /** A job Pod as built for {@code run}, with the given status and a 60 s timeout. */
  /** Creates {@code event} and a run {@code <event>-run} of it, and waits until the run ends. */
  public static JobRun runToEnd(KubernetesClient client, Event event, Duration wait) {
    client.resource(event).create();
    return runToEnd(client, event.getMetadata().getNamespace(), event.getMetadata().getName() + "-run",
        event.getMetadata().getName(), wait);
  }

  /** Creates a run {@code runName} of an existing Event and waits until the run ends. */
  public static JobRun runToEnd(
      KubernetesClient client, String namespace, String runName, String eventName, Duration wait) {
    client.resource(newRun(namespace, runName, eventName)).create();
    return Awaitility.await()
        .atMost(wait)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> client.resources(JobRun.class).inNamespace(namespace).withName(runName).get(),
            run -> run.phase().isTerminal());
  }

  /**
   * Wakes the operator for an object by changing an annotation, with a merge patch without
   * resourceVersion: the operator may be writing the object's status at the same moment.
   */
  public static void touch(KubernetesClient client, Class<? extends HasMetadata> type, String namespace, String name) {
    client.resources(type).inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"test/touch\":\"" + System.nanoTime() + "\"}}}");
  }

  /**
   * Writes a Pod's status as a kubelet does: a merge patch of {@code pods/status} without a
   * resourceVersion, so the scheduler's and the operator's writes to the Pod never make it conflict.
   */
  /**
   * Run {@code <eventName>-1} of a new Bash Event in {@code namespace}, its Pod created by the
   * operator and played as running (a scripted node): the state a log reader meets.
   */
  public static void startRunningRun(KubernetesClient client, String namespace, String eventName, Duration wait) {
    Event event = bashEvent(eventName, "for i in $(seq 9); do echo line $i; done");
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setTimeoutSeconds(600);
    client.resource(event).create();
    String run = eventName + "-1";
    client.resource(newRun(namespace, run, eventName)).create();
    Awaitility.await().atMost(wait).until(() -> client.pods().inNamespace(namespace).withName(run).get() != null);
    writePodStatus(client, namespace, run, running(Instant.now().toString()));
    Awaitility.await().atMost(wait).until(() ->
        client.resources(JobRun.class).inNamespace(namespace).withName(run).get().phase() == JobRunPhase.Running);
  }

  /** "line {from}\n" to "line {to}\n": what a script printing numbered lines printed. */
  public static String numberedLines(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n")
        .reduce("", String::concat);
  }

  public static Pod writePodStatus(KubernetesClient client, String namespace, String name, PodStatus status) {
    return client.pods().inNamespace(namespace).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", status)));
  }

  public static Pod pod(JobRun run, PodStatus status) {
    Pod built =
        new JobPodBuilder("cronium/runtime-api:test", "IfNotPresent", java.time.Duration.ofSeconds(15),
            new SandboxResources("2", "2Gi"), false)
            .build(run, bashEvent(run.getSpec().getEventRef().getName(), "true"), 1, Map.of());
    built.getMetadata().setCreationTimestamp("2026-11-28T10:00:00Z");
    built.getMetadata().getAnnotations().put(JobRunLabels.TIMEOUT_SECONDS, "60");
    return new PodBuilder(built).withStatus(status).build();
  }

  public static PodStatus waiting(String reason, String message) {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(JobPodBuilder.CONTAINER_NAME)
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .build())
        .build();
  }

  public static PodStatus running(String startedAt) {
    return new PodStatusBuilder()
        .withPhase("Running")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(JobPodBuilder.CONTAINER_NAME)
                .withImageID("docker.io/cronium/runtime-api@sha256:abc")
                .withNewState()
                .withNewRunning()
                .withStartedAt(startedAt)
                .endRunning()
                .endState()
                .build())
        .build();
  }

  public static PodStatus terminated(int exitCode, String message) {
    return terminated(exitCode, message, Instant.parse("2026-11-28T10:00:01Z"), Instant.parse("2026-11-28T10:00:03Z"));
  }

  /** A container that ran from {@code startedAt} to {@code finishedAt}: real times order runs for history limits. */
  public static PodStatus terminated(int exitCode, String message, Instant startedAt, Instant finishedAt) {
    return new PodStatusBuilder()
        .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(JobPodBuilder.CONTAINER_NAME)
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(exitCode == 0 ? "Completed" : "Error")
                .withMessage(message)
                .withStartedAt(startedAt.toString())
                .withFinishedAt(finishedAt.toString())
                .endTerminated()
                .endState()
                .build())
        .build();
  }
}
