package io.cronium.operator.observability;

import static io.cronium.operator.observability.RunTransition.FINISHED;
import static io.cronium.operator.observability.RunTransition.POD_CREATED;
import static io.cronium.operator.observability.RunTransition.RETRY_SCHEDULED;
import static io.cronium.operator.observability.RunTransition.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import org.junit.jupiter.api.Test;

class RunTransitionTest {

  private static JobRunStatus status(JobRunPhase phase, String podName, String startTime) {
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    status.setPodName(podName);
    status.setStartTime(startTime);
    return status;
  }

  @Test
  void eachStepIsReportedWhenItFirstAppears() {
    JobRunStatus pending = status(JobRunPhase.Pending, "run-1", null);
    JobRunStatus running = status(JobRunPhase.Running, "run-1", "2026-11-28T10:00:01Z");
    JobRunStatus done = status(JobRunPhase.Succeeded, "run-1", "2026-11-28T10:00:01Z");

    assertThat(RunTransition.between(null, pending)).containsExactly(POD_CREATED);
    assertThat(RunTransition.between(pending, running)).containsExactly(STARTED);
    assertThat(RunTransition.between(running, done)).containsExactly(FINISHED);
  }

  @Test
  void aScheduledRetryIsReportedOnceAndItsAttemptStartsAfresh() {
    JobRunStatus running = status(JobRunPhase.Running, "run-1", "2026-11-28T10:00:01Z");
    JobRunStatus retrying = status(JobRunPhase.Pending, "run-1", "2026-11-28T10:00:01Z");
    retrying.setNextAttemptTime("2026-11-28T10:00:08Z");
    JobRunStatus secondAttempt = status(JobRunPhase.Pending, "run-1-attempt-2", null);
    secondAttempt.setAttempt(2);

    assertThat(RunTransition.between(running, retrying)).containsExactly(RETRY_SCHEDULED);
    assertThat(RunTransition.between(retrying, retrying)).isEmpty();
    assertThat(RunTransition.between(retrying, secondAttempt)).containsExactly(POD_CREATED);
  }

  @Test
  void repeatedOrUnchangedStatusReportsNothing() {
    JobRunStatus running = status(JobRunPhase.Running, "run-1", "2026-11-28T10:00:01Z");
    JobRunStatus failed = status(JobRunPhase.Failed, "run-1", "2026-11-28T10:00:01Z");
    assertThat(RunTransition.between(running, running)).isEmpty();
    assertThat(RunTransition.between(failed, failed)).isEmpty();
  }

  @Test
  void aRunFirstSeenLateReportsEveryStepInOrder() {
    JobRunStatus timedOut = status(JobRunPhase.TimedOut, "run-1", "2026-11-28T10:00:01Z");
    assertThat(RunTransition.between(null, timedOut)).containsExactly(POD_CREATED, STARTED, FINISHED);
  }

  @Test
  void aRunThatFailsWithoutAPodOnlyFinishes() {
    assertThat(RunTransition.between(new JobRunStatus(), status(JobRunPhase.Failed, null, null)))
        .containsExactly(FINISHED);
  }
}
