package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.operator.jobrun.TestRuns;
import org.junit.jupiter.api.Test;

class RunExitCodeTest {

  private static JobRun run(JobRunPhase phase, Integer exitCode) {
    JobRun run = TestRuns.manualRun("r", "e");
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    status.setExitCode(exitCode);
    run.setStatus(status);
    return run;
  }

  @Test
  void aFinishedRunExitsWithItsScriptsCode() {
    assertThat(RunExitCode.of(run(JobRunPhase.Succeeded, 0))).isZero();
    assertThat(RunExitCode.of(run(JobRunPhase.Failed, 3))).isEqualTo(3);
  }

  @Test
  void aTimedOutRunExitsAsTimeoutDoes() {
    assertThat(RunExitCode.of(run(JobRunPhase.TimedOut, -1))).isEqualTo(124);
  }

  @Test
  void aFailureWithoutAnExitCodeOfItsOwnIsOne() {
    assertThat(RunExitCode.of(run(JobRunPhase.Failed, null))).isEqualTo(1);
    assertThat(RunExitCode.of(run(JobRunPhase.Failed, 0))).isEqualTo(1);
  }

  @Test
  void anUnfinishedRunHasNothingToReport() {
    assertThat(RunExitCode.of(run(JobRunPhase.Running, null))).isZero();
  }
}
