package io.cronium.operator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.ActionRecord;
import io.cronium.api.v1alpha1.ActionState;
import io.cronium.api.v1alpha1.ActionTrigger;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.api.v1alpha1.NotifyAction;
import io.cronium.operator.jobrun.TestRuns;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

  private final Event event = limits(TestRuns.bashEvent("report", "true"), 2, 1);

  private static Event limits(Event event, int succeeded, int failed) {
    event.getSpec().setSuccessfulRunsHistoryLimit(succeeded);
    event.getSpec().setFailedRunsHistoryLimit(failed);
    return event;
  }

  private static JobRun finished(JobRun run, JobRunPhase phase, String completed) {
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    status.setCompletionTime(completed);
    run.setStatus(status);
    return run;
  }

  private static JobRun run(String name, JobRunPhase phase, String completed) {
    return finished(TestRuns.manualRun(name, "report"), phase, completed);
  }

  private static JobRun scheduled(Event event, String slot) {
    JobRun run = JobRuns.scheduled(event, Instant.parse(slot));
    run.getMetadata().setCreationTimestamp(slot);
    return finished(run, JobRunPhase.Succeeded, slot);
  }

  private static void handledThrough(Event event, String slot) {
    EventStatus status = new EventStatus();
    status.setLastHandledSlot(slot);
    event.setStatus(status);
  }

  @Test
  void keepsTheNewestFinishedRunsOfEachKindAndNeverAnActiveOne() {
    JobRun ok1 = run("ok-1", JobRunPhase.Succeeded, "2026-11-28T10:01:00Z");
    JobRun ok2 = run("ok-2", JobRunPhase.Succeeded, "2026-11-28T10:02:00Z");
    JobRun ok3 = run("ok-3", JobRunPhase.Succeeded, "2026-11-28T10:03:00Z");
    JobRun failed1 = run("bad-1", JobRunPhase.Failed, "2026-11-28T10:01:30Z");
    JobRun timedOut = run("bad-2", JobRunPhase.TimedOut, "2026-11-28T10:02:30Z");
    JobRun running = run("busy", JobRunPhase.Running, null);

    List<JobRun> expired =
        RunHistory.beyondLimits(event, List.of(ok3, failed1, running, ok1, timedOut, ok2));

    assertThat(expired).containsExactlyInAnyOrder(ok1, failed1);
  }

  @Test
  void limitZeroDeletesEveryFinishedRun() {
    JobRun ok = run("ok", JobRunPhase.Succeeded, "2026-11-28T10:01:00Z");
    JobRun bad = run("bad", JobRunPhase.Failed, "2026-11-28T10:01:00Z");

    assertThat(RunHistory.beyondLimits(limits(event, 0, 0), List.of(ok, bad)))
        .containsExactlyInAnyOrder(ok, bad);
  }

  @Test
  void aScheduledRunStaysUntilTheEventsStatusRecordsItsSlot() {
    limits(event, 0, 0);
    JobRun recorded = scheduled(event, "2026-11-28T10:00:00Z");
    JobRun notYetRecorded = scheduled(event, "2026-11-28T10:01:00Z");
    handledThrough(event, "2026-11-28T10:00:00Z");

    assertThat(RunHistory.beyondLimits(event, List.of(recorded, notYetRecorded)))
        .containsExactly(recorded);

    handledThrough(event, "2026-11-28T10:01:00Z");
    assertThat(RunHistory.beyondLimits(event, List.of(recorded, notYetRecorded)))
        .containsExactlyInAnyOrder(recorded, notYetRecorded);
  }

  @Test
  void aRunWhoseActionsHaveNotAllFiredStays() {
    limits(event, 2, 0);
    Action notifyOnFailure = new Action();
    notifyOnFailure.setWhen(ActionTrigger.Failure);
    notifyOnFailure.setNotify(new NotifyAction("slack", null, "failed"));
    event.getSpec().setActions(List.of(notifyOnFailure));
    JobRun unfired = run("bad-unfired", JobRunPhase.Failed, "2026-11-28T10:01:00Z");
    ActionRecord due = new ActionRecord(0, "notify", ActionState.Pending, null, "due", "2026-11-28T10:01:01Z");
    due.setAction(notifyOnFailure);
    unfired.getStatus().setActions(List.of(due));
    JobRun sending = run("bad-sending", JobRunPhase.Failed, "2026-11-28T10:02:00Z");
    sending.getStatus().setActions(
        List.of(new ActionRecord(0, "notify", ActionState.Sending, null, "sending", "2026-11-28T10:02:01Z")));
    JobRun sent = run("bad-sent", JobRunPhase.Failed, "2026-11-28T10:03:00Z");
    sent.getStatus().setActions(
        List.of(new ActionRecord(0, "notify", ActionState.Sent, null, "sent", "2026-11-28T10:03:01Z")));

    assertThat(RunHistory.beyondLimits(event, List.of(unfired, sending, sent))).containsExactly(sent);
  }
}
