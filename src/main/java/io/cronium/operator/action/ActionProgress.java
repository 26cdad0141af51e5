package io.cronium.operator.action;

import io.cronium.api.v1alpha1.JobRun;

/** How far a finished run's actions have got, from its status.actions records. */
public final class ActionProgress {

  private ActionProgress() {}

  /**
   * Whether an action of {@code run} is still due or being sent: such a run holds the only record
   * that it did not fire yet, so it must not be pruned.
   */
  public static boolean pending(JobRun run) {
    return run.getStatus() != null
        && run.getStatus().getActions().stream()
            .anyMatch(record -> record.getState() != null && !record.getState().isFinal());
  }
}
