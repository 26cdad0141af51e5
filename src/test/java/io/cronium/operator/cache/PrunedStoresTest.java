package io.cronium.operator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.api.v1alpha1.RunEventAction;
import io.cronium.operator.jobrun.ResultTracking;
import io.cronium.operator.jobrun.RunContainer;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrunedStoresTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static <T extends HasMetadata> T stored(PrunedStore<T> store, T object) {
    object.getMetadata().setManagedFields(List.of(new ManagedFieldsEntry()));
    store.put(store.getKey(object), object);
    return store.get(store.getKey(object));
  }

  @Test
  void aPodKeepsWhatTheControllersReadAndLosesTheRunSpec() {
    Pod pod = TestRuns.pod(TestRuns.manualRun("hello-manual-1", "hello"), TestRuns.terminated(0, "{}"));

    Pod cached = stored(new PodWithoutEnvStore(), pod);

    assertThat(cached.getSpec().getContainers().get(0).getEnv()).isEmpty();
    assertThat(cached.getMetadata().getManagedFields()).isNull();
    assertThat(cached.getMetadata().getFinalizers()).containsExactly(ResultTracking.FINALIZER);
    assertThat(cached.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(RunContainer.terminated(cached)).isPresent();
  }

  private static JobRun runWithResult(JobRunPhase phase) {
    JobRun run = TestRuns.manualRun("hello-manual-1", "hello");
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    status.setExitCode(0);
    status.setOutput(JsonNodeFactory.instance.textNode("x".repeat(1000)));
    status.setLogTail("printed\n");
    status.setMessage("exit code 0");
    status.setTerminationMessage("{\"exitCode\":0}");
    status.setConditions(List.of(Conditions.condition("Complete", true, "Succeeded", "exit code 0")));
    run.getSpec().setInput(JsonNodeFactory.instance.textNode("input"));
    run.setStatus(status);
    return run;
  }

  /** The same version of a run as each informer parses it: a copy of its own. */
  private static JobRun version(JobRunPhase phase, String uid, String resourceVersion) {
    JobRun run = runWithResult(phase);
    run.getMetadata().setUid(uid);
    run.getMetadata().setResourceVersion(resourceVersion);
    return SERIALIZATION.clone(run);
  }

  @Test
  void bothRunCachesHoldOneInstanceOfAFinishedRunsVersion() {
    RunWithoutResultStore runController = new RunWithoutResultStore();
    RunWithoutResultStore eventController = new RunWithoutResultStore();

    JobRun first = stored(runController, version(JobRunPhase.Succeeded, "uid-1", "7"));
    JobRun second = stored(eventController, version(JobRunPhase.Succeeded, "uid-1", "7"));
    JobRun newer = stored(eventController, version(JobRunPhase.Succeeded, "uid-1", "8"));

    assertThat(second).isSameAs(first);
    assertThat(newer).isNotSameAs(first);
    assertThat(newer.getMetadata().getResourceVersion()).isEqualTo("8");
  }

  @Test
  void aRunStillGoingIsCachedAsEachInformerParsedIt() {
    JobRun first = stored(new RunWithoutResultStore(), version(JobRunPhase.Running, "uid-2", "7"));
    JobRun second = stored(new RunWithoutResultStore(), version(JobRunPhase.Running, "uid-2", "7"));

    assertThat(second).isNotSameAs(first);
    assertThat(SERIALIZATION.asJson(second)).isEqualTo(SERIALIZATION.asJson(first));
  }

  @Test
  void aFinishedRunLosesItsOutputAndLogTail() {
    JobRun cached = stored(new RunWithoutResultStore(), runWithResult(JobRunPhase.Succeeded));

    assertThat(cached.getStatus().getOutput()).isNull();
    assertThat(cached.getStatus().getLogTail()).isNull();
    assertThat(cached.getStatus().getConditions()).isEmpty();
    assertThat(cached.getStatus().getMessage()).isNull();
    assertThat(cached.getStatus().getTerminationMessage()).isNull();
    assertThat(cached.getSpec().getInput()).isNull();
    assertThat(cached.getStatus().getExitCode()).isZero();
    assertThat(cached.phase()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(cached.getMetadata().getManagedFields()).isNull();
  }

  @Test
  void aRunStillGoingIsKeptWholeSinceItsStatusIsWrittenFromTheCache() {
    JobRun cached = stored(new RunWithoutResultStore(), runWithResult(JobRunPhase.Running));

    assertThat(cached.getStatus().getOutput()).isNotNull();
    assertThat(cached.getStatus().getLogTail()).isEqualTo("printed\n");
    assertThat(cached.getStatus().getConditions()).hasSize(1);
    assertThat(cached.getSpec().getInput()).isNotNull();
  }

  private static Event eventWithStatus() {
    Event event = TestRuns.bashEvent("hello", "echo ".repeat(1000));
    event.getSpec().setEnv(List.of(new EnvVar("A", "1", null)));
    Action action = new Action();
    action.setRunEvent(new RunEventAction("next"));
    event.getSpec().setActions(List.of(action));
    EventStatus status = new EventStatus();
    status.setScheduledRuns(3L);
    event.setStatus(status);
    return event;
  }

  /** The same version of an Event as each informer parses it: a copy of its own. */
  private static Event version(String uid, String resourceVersion) {
    Event event = eventWithStatus();
    event.getMetadata().setUid(uid);
    event.getMetadata().setResourceVersion(resourceVersion);
    return SERIALIZATION.clone(event);
  }

  @Test
  void theThreeEventCachesHoldOneInstanceOfAnEventsVersion() {
    Event inTheEventController = stored(new EventStore(), version("uid-e", "7"));
    Event inTheChainCache = stored(new EventStore(), version("uid-e", "7"));
    Event inTheRunController = stored(new EventStore(), version("uid-e", "7"));
    Event newer = stored(new EventStore(), version("uid-e", "8"));

    assertThat(inTheChainCache).isSameAs(inTheEventController);
    assertThat(inTheRunController).isSameAs(inTheEventController);
    assertThat(newer).isNotSameAs(inTheEventController);
    assertThat(newer.getMetadata().getResourceVersion()).isEqualTo("8");
  }

  @Test
  void anEventWithoutAVersionIsNeverTakenForAnother() {
    Event one = stored(new EventStore(), eventWithStatus());
    Event other = eventWithStatus();
    other.getMetadata().setName("other");

    assertThat(stored(new EventStore(), other).getMetadata().getName()).isEqualTo("other");
    assertThat(one.getMetadata().getName()).isEqualTo("hello");
  }

  @Test
  void anEventIsCachedWholeButForManagedFields() {
    Event cached = stored(new EventStore(), eventWithStatus());

    assertThat(cached.getStatus()).isEqualTo(eventWithStatus().getStatus());
    assertThat(cached.getSpec().getScript()).isEqualTo(eventWithStatus().getSpec().getScript());
    assertThat(cached.getMetadata().getManagedFields()).isNull();
  }

  /** A run as an informer parses it from the API server's answer: every string a new instance. */
  private static JobRun parsedScheduledRun(Event event, Instant slot) {
    JobRun run = JobRuns.scheduled(event, slot);
    run.getMetadata().setNamespace("team-a");
    run.getMetadata().setUid("uid-" + run.getMetadata().getName());
    run.getMetadata().setCreationTimestamp(slot.toString());
    JobRunStatus status = new JobRunStatus();
    status.setPhase(JobRunPhase.Succeeded);
    status.setReason("Succeeded");
    status.setPodName(run.getMetadata().getName());
    run.setStatus(status);
    return SERIALIZATION.unmarshal(SERIALIZATION.asJson(run), JobRun.class);
  }

  @Test
  void runsOfOneEventInBothRunCachesHoldOneCopyOfWhatTheyRepeat() {
    Event event = TestRuns.bashEvent("hello", "echo hi");
    event.getMetadata().setNamespace("team-a");
    event.getMetadata().setUid("uid-hello");
    Instant slot = Instant.parse("2026-11-28T10:00:00Z");
    JobRun first = parsedScheduledRun(event, slot);
    JobRun second = parsedScheduledRun(event, slot.plusSeconds(60));
    JobRun firstAgain = parsedScheduledRun(event, slot);
    JobRun expected = parsedScheduledRun(event, slot);
    expected.getMetadata().setManagedFields(null);

    JobRun one = stored(new RunWithoutResultStore(), first);
    JobRun other = stored(new RunWithoutResultStore(), second);
    JobRun inTheOtherController = stored(new RunWithoutResultStore(), firstAgain);

    assertThat(SERIALIZATION.asJson(one)).isEqualTo(SERIALIZATION.asJson(expected));
    assertThat(other.getMetadata().getNamespace()).isSameAs(one.getMetadata().getNamespace());
    assertThat(other.getMetadata().getLabels().keySet().iterator().next())
        .isSameAs(one.getMetadata().getLabels().keySet().iterator().next());
    assertThat(other.getMetadata().getLabels().get(JobRunLabels.EVENT))
        .isSameAs(one.getMetadata().getLabels().get(JobRunLabels.EVENT))
        .isSameAs(one.getMetadata().getOwnerReferences().get(0).getName())
        .isSameAs(other.getSpec().getEventRef().getName());
    assertThat(other.getMetadata().getOwnerReferences().get(0).getUid())
        .isSameAs(one.getMetadata().getOwnerReferences().get(0).getUid());
    assertThat(other.getMetadata().getOwnerReferences().get(0).getKind())
        .isSameAs(one.getMetadata().getOwnerReferences().get(0).getKind());
    assertThat(other.getStatus().getReason()).isSameAs(one.getStatus().getReason());
    assertThat(one.getStatus().getPodName()).isSameAs(one.getMetadata().getName());
    assertThat(inTheOtherController.getSpec().getScheduledTime()).isSameAs(one.getSpec().getScheduledTime());
    assertThat(inTheOtherController.getMetadata().getCreationTimestamp())
        .isSameAs(one.getMetadata().getCreationTimestamp());
    assertThat(other.getMetadata().getAdditionalProperties()).isEmpty();
    assertThat(other.getMetadata().getAdditionalProperties())
        .isSameAs(one.getMetadata().getAdditionalProperties())
        .isSameAs(one.getMetadata().getOwnerReferences().get(0).getAdditionalProperties());
  }

  @Test
  void eventsWithOneScriptHoldOneCopyOfIt() {
    Event one = stored(new EventStore(), version("uid-a", "1"));
    Event other = stored(new EventStore(), version("uid-b", "1"));

    assertThat(other.getSpec().getScript())
        .isEqualTo(eventWithStatus().getSpec().getScript())
        .isSameAs(one.getSpec().getScript());
  }

  @Test
  void eventsOfOneScheduleHoldOneCopyOfTheirSlotAndConditionWording() {
    Event first = eventWithStatus();
    first.getStatus().setNextScheduleTime("2027-01-01T00:00:00Z");
    first.getStatus().setConditions(List.of(Conditions.condition("ScheduleValid", true, "Valid", "the schedule is valid")));
    Event second = SERIALIZATION.clone(first);
    second.getMetadata().setName("other");

    EventStore store = new EventStore();
    Event one = stored(store, SERIALIZATION.clone(first));
    Event other = stored(store, second);

    assertThat(other.getStatus().getNextScheduleTime()).isSameAs(one.getStatus().getNextScheduleTime());
    assertThat(other.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("the schedule is valid")
        .isSameAs(one.getStatus().getConditions().get(0).getMessage());
    assertThat(other.getStatus().getConditions().get(0).getReason())
        .isSameAs(one.getStatus().getConditions().get(0).getReason());
  }
}
