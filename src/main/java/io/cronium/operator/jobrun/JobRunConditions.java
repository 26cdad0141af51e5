package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The conditions a JobRun's status carries, derived from its phase as the Job controller derives
 * a Job's: {@code kubectl wait --for=condition=Complete} (or {@code Failed}) works on runs as on
 * Jobs. The phase stays the one source of truth; these only restate it.
 */
final class JobRunConditions {

  static final String RUNNING = "Running";
  static final String COMPLETE = "Complete";
  static final String FAILED = "Failed";

  private JobRunConditions() {}

  /**
   * {@code next} with its conditions and observedGeneration in step with its phase: the same
   * object when they already are, else a copy ({@code next} may be the status the cache holds).
   */
  static JobRunStatus stamped(JobRunStatus next, JobRunStatus before, Long generation, Instant now) {
    JobRunPhase phase = next.getPhase() == null ? JobRunPhase.Pending : next.getPhase();
    String reason = next.getReason() == null ? phase.name() : next.getReason();
    List<Condition> wanted = List.of(
        Conditions.condition(RUNNING, phase == JobRunPhase.Running, reason, message(next, phase)),
        Conditions.condition(COMPLETE, phase == JobRunPhase.Succeeded, reason, message(next, phase)),
        Conditions.condition(FAILED, phase.isTerminal() && phase != JobRunPhase.Succeeded, reason,
            message(next, phase)));
    List<Condition> previous = before == null ? List.of() : before.getConditions();
    List<Condition> conditions = Conditions.merge(previous, wanted, generation, now);
    if (conditions.equals(next.getConditions()) && Objects.equals(generation, next.getObservedGeneration())) {
      return next;
    }
    JobRunStatus stamped = PodStatusTranslator.copyOf(next);
    stamped.setConditions(conditions);
    stamped.setObservedGeneration(generation);
    return stamped;
  }

  private static String message(JobRunStatus status, JobRunPhase phase) {
    return status.getMessage() == null ? "The run is " + phase + "." : status.getMessage();
  }
}
