package io.cronium.operator.observability;

import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import java.util.ArrayList;
import java.util.List;

/** A step of a JobRun's life that users (Kubernetes Events) and dashboards (metrics) hear about. */
public enum RunTransition {
  /** The run's Pod was created. */
  POD_CREATED,
  /** The script started. */
  STARTED,
  /** An attempt failed and another one was scheduled. */
  RETRY_SCHEDULED,
  /** The run reached a terminal phase. */
  FINISHED;

  /**
   * The transitions from one written status to the next, oldest first. Pure: a run observed for
   * the first time in a late state (operator restart) yields every step it has not reported.
   */
  public static List<RunTransition> between(JobRunStatus before, JobRunStatus after) {
    List<RunTransition> transitions = new ArrayList<>();
    if (after == null) {
      return transitions;
    }
    // A retry's new attempt has its own Pod and start, reported again.
    boolean sameAttempt = before != null && before.attemptNumber() == after.attemptNumber();
    if (after.getPodName() != null && (!sameAttempt || before.getPodName() == null)) {
      transitions.add(POD_CREATED);
    }
    if (after.getStartTime() != null && (!sameAttempt || before.getStartTime() == null)) {
      transitions.add(STARTED);
    }
    if (after.getNextAttemptTime() != null
        && (before == null || !after.getNextAttemptTime().equals(before.getNextAttemptTime()))) {
      transitions.add(RETRY_SCHEDULED);
    }
    if (isTerminal(after) && !isTerminal(before)) {
      transitions.add(FINISHED);
    }
    return transitions;
  }

  private static boolean isTerminal(JobRunStatus status) {
    JobRunPhase phase = status == null ? null : status.getPhase();
    return phase != null && phase.isTerminal();
  }
}
