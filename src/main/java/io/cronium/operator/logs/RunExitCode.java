package io.cronium.operator.logs;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;

/** The process exit code that stands for a run's outcome, as {@code timeout(1)} and shells use. */
public final class RunExitCode {

  /** What {@code timeout(1)} exits with: the run hit its own timeout. */
  public static final int TIMED_OUT = 124;
  /** The run failed without an exit code of its own (Pod lost, image not pullable...). */
  public static final int FAILED = 1;

  private RunExitCode() {}

  /** 0 while the run has not finished (nothing to report yet). */
  public static int of(JobRun run) {
    JobRunPhase phase = run.phase();
    if (phase == JobRunPhase.TimedOut) {
      return TIMED_OUT;
    }
    if (!phase.isTerminal() || phase == JobRunPhase.Succeeded) {
      return 0;
    }
    Integer exitCode = run.getStatus().getExitCode();
    return exitCode != null && exitCode > 0 && exitCode < 256 ? exitCode : FAILED;
  }
}
