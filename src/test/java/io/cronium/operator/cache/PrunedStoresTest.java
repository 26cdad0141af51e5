package io.cronium.operator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.RunEventAction;
import io.cronium.operator.jobrun.ResultTracking;
import io.cronium.operator.jobrun.RunContainer;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrunedStoresTest {

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

  @Test
  void theRunControllersEventsKeepTheirSpecOnly() {
    Event cached = stored(new EventSpecStore(), eventWithStatus());

    assertThat(cached.getStatus()).isNull();
    assertThat(cached.getSpec().getScript()).isEqualTo(eventWithStatus().getSpec().getScript());
    assertThat(cached.getSpec().getEnv()).hasSize(1);
    assertThat(cached.getMetadata().getManagedFields()).isNull();
  }

  @Test
  void theChainCachesEventsKeepTheirActionsOnly() {
    Event cached = stored(new EventActionsStore(), eventWithStatus());

    assertThat(cached.getStatus()).isNull();
    assertThat(cached.getSpec().getActions()).singleElement()
        .satisfies(action -> assertThat(action.getRunEvent().getName()).isEqualTo("next"));
    assertThat(cached.getSpec().getScript()).isNull();
    assertThat(cached.getSpec().getEnv()).isEmpty();
  }

  @Test
  void theEventControllersEventsAreWholeButForManagedFields() {
    Event cached = stored(new EventStore(), eventWithStatus());

    assertThat(cached.getStatus()).isEqualTo(eventWithStatus().getStatus());
    assertThat(cached.getSpec().getScript()).isEqualTo(eventWithStatus().getSpec().getScript());
    assertThat(cached.getMetadata().getManagedFields()).isNull();
  }
}
