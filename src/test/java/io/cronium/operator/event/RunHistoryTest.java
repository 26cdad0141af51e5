package io.cronium.operator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.operator.jobrun.TestRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

  private static JobRun run(String name, JobRunPhase phase, String completed) {
    JobRun run = TestRuns.manualRun(name, "report");
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    status.setCompletionTime(completed);
    run.setStatus(status);
    return run;
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
        RunHistory.beyondLimits(List.of(ok3, failed1, running, ok1, timedOut, ok2), 2, 1);

    assertThat(expired).containsExactlyInAnyOrder(ok1, failed1);
  }

  @Test
  void limitZeroDeletesEveryFinishedRun() {
    JobRun ok = run("ok", JobRunPhase.Succeeded, "2026-11-28T10:01:00Z");
    JobRun bad = run("bad", JobRunPhase.Failed, "2026-11-28T10:01:00Z");

    assertThat(RunHistory.beyondLimits(List.of(ok, bad), 0, 0)).containsExactlyInAnyOrder(ok, bad);
  }
}
