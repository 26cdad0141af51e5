package io.cronium.operator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.RunCounts;
import io.cronium.operator.jobrun.TestRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStatusCalculatorTest {

  private static JobRun run(String name, String created, JobRunPhase phase, String completed) {
    JobRun run = TestRuns.manualRun(name, "hello");
    run.getMetadata().setCreationTimestamp(created);
    if (phase != null) {
      JobRunStatus status = new JobRunStatus();
      status.setPhase(phase);
      status.setCompletionTime(completed);
      status.setExitCode(phase == JobRunPhase.Succeeded ? 0 : 1);
      run.setStatus(status);
    }
    return run;
  }

  @Test
  void countsFinishedRunsListsActiveOnesAndShowsTheLatestFinishedAsLastRun() {
    List<JobRun> runs =
        List.of(
            run("a", "2026-11-28T10:00:00Z", JobRunPhase.Succeeded, "2026-11-28T10:00:05Z"),
            run("b", "2026-11-28T10:01:00Z", JobRunPhase.Failed, "2026-11-28T10:01:05Z"),
            run("c", "2026-11-28T10:02:00Z", JobRunPhase.TimedOut, "2026-11-28T10:03:00Z"),
            run("d", "2026-11-28T10:03:00Z", JobRunPhase.Running, null),
            run("e", "2026-11-28T10:04:00Z", null, null));

    EventStatus status = EventStatusCalculator.calculate(null, 3L, runs);

    assertThat(status.getRunCounts()).isEqualTo(new RunCounts(1, 1, 1));
    assertThat(status.getActive()).containsExactly("d", "e");
    assertThat(status.getLastRun().getName()).isEqualTo("c");
    assertThat(status.getLastRun().getPhase()).isEqualTo(JobRunPhase.TimedOut);
    assertThat(status.getLastSuccessfulTime()).isEqualTo("2026-11-28T10:00:05Z");
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void recalculatingTheSameStateCountsNothingTwice() {
    List<JobRun> runs =
        List.of(run("a", "2026-11-28T10:00:00Z", JobRunPhase.Succeeded, "2026-11-28T10:00:05Z"));

    EventStatus once = EventStatusCalculator.calculate(null, 1L, runs);
    EventStatus twice = EventStatusCalculator.calculate(once, 1L, runs);

    assertThat(twice).isEqualTo(once);
    assertThat(twice.getRunCounts().getSucceeded()).isEqualTo(1);
  }

  @Test
  void countsSurviveDeletedRunsAndBookkeepingForgetsThem() {
    JobRun first = run("a", "2026-11-28T10:00:00Z", JobRunPhase.Succeeded, "2026-11-28T10:00:05Z");
    JobRun second = run("b", "2026-11-28T10:01:00Z", JobRunPhase.Failed, "2026-11-28T10:01:05Z");
    EventStatus both = EventStatusCalculator.calculate(null, 1L, List.of(first, second));

    EventStatus afterCleanup = EventStatusCalculator.calculate(both, 1L, List.of(second));

    assertThat(afterCleanup.getRunCounts()).isEqualTo(new RunCounts(1, 1, 0));
    assertThat(afterCleanup.getCountedRunUids()).containsExactly("uid-b");
    assertThat(afterCleanup.getLastSuccessfulTime()).isEqualTo("2026-11-28T10:00:05Z");
  }

  @Test
  void aRunIsCountedWhenItFinishesNotBefore() {
    JobRun running = run("a", "2026-11-28T10:00:00Z", JobRunPhase.Running, null);
    EventStatus whileRunning = EventStatusCalculator.calculate(null, 1L, List.of(running));
    JobRun finished = run("a", "2026-11-28T10:00:00Z", JobRunPhase.Failed, "2026-11-28T10:00:09Z");

    EventStatus afterwards = EventStatusCalculator.calculate(whileRunning, 1L, List.of(finished));

    assertThat(whileRunning.getRunCounts()).isEqualTo(new RunCounts());
    assertThat(afterwards.getRunCounts()).isEqualTo(new RunCounts(0, 1, 0));
    assertThat(afterwards.getActive()).isEmpty();
  }
}
