package io.cronium.operator.concurrency;

import io.cronium.api.v1alpha1.ConcurrencyPolicy;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunReasons;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one place that applies an Event's concurrencyPolicy. The scheduler asks it whether a due
 * slot gets a run at all ({@link #overlap}); the run reconciler asks it whether a run may start
 * its Pod now ({@link #decide}). Both count the same active runs (not yet in a terminal phase)
 * and get the same answer from {@link #admission}.
 *
 * <p>A run that has a Pod is ahead of every run that has none; among those without, every replica
 * and every reconcile orders runs the same way (creation time, then name), so two runs created at
 * once agree on which goes first without talking to each other.
 */
public final class ConcurrencyGate {

  /** Earliest first. RFC 3339 timestamps of equal precision sort as text. */
  static final Comparator<JobRun> ORDER =
      Comparator.comparing(
              (JobRun run) -> run.getMetadata().getCreationTimestamp(),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(run -> run.getMetadata().getName());

  /** The gate's answer. */
  public sealed interface Decision {}

  /** Start the Pod. */
  public record Start() implements Decision {}

  /** Start the Pod after deleting these earlier active runs. */
  public record StartReplacing(List<JobRun> replaced) implements Decision {}

  /** Stay pending behind an active run and look again later. */
  public record Wait(String message) implements Decision {}

  /** The run must not happen: it fails with this reason and message. */
  public record Refuse(String reason, String message) implements Decision {}

  /** What the policy allows one more run with a number of active runs ahead of it. */
  enum Admission {
    START,
    REPLACE,
    WAIT,
    FORBIDDEN,
    QUEUE_FULL
  }

  private ConcurrencyGate() {}

  static Admission admission(ConcurrencyPolicy policy, int activeAhead) {
    if (activeAhead == 0) {
      return Admission.START;
    }
    return switch (policy) {
      case Allow -> Admission.START;
      case Replace -> Admission.REPLACE;
      case Forbid -> Admission.FORBIDDEN;
      case Queue -> activeAhead == 1 ? Admission.WAIT : Admission.QUEUE_FULL;
    };
  }

  /** Whether a run still counts against its Event's concurrencyPolicy. */
  public static boolean isActive(JobRun run) {
    return !run.phase().isTerminal();
  }

  /**
   * Why a due slot gets no run when {@code activeRuns} runs of the Event are active (empty when it
   * gets one): a run the gate would refuse at once is not created.
   */
  public static Optional<String> overlap(ConcurrencyPolicy policy, int activeRuns) {
    return switch (admission(policy, activeRuns)) {
      case START, REPLACE, WAIT -> Optional.empty();
      case FORBIDDEN -> Optional.of("a run is still active and concurrencyPolicy is Forbid");
      case QUEUE_FULL ->
          Optional.of(
              "a run is active and another already waits; concurrencyPolicy Queue holds at most one");
    };
  }

  /**
   * @param run a run that has no Pod yet
   * @param siblings all runs of the same Event (may include {@code run} itself)
   */
  public static Decision decide(JobRun run, Collection<JobRun> siblings, ConcurrencyPolicy policy) {
    List<JobRun> activeAhead =
        siblings.stream()
            .filter(other -> !other.getMetadata().getName().equals(run.getMetadata().getName()))
            .filter(ConcurrencyGate::isActive)
            .filter(other -> hasPod(other) || ORDER.compare(other, run) < 0)
            .sorted(ORDER)
            .toList();
    return switch (admission(policy, activeAhead.size())) {
      case START -> new Start();
      case REPLACE -> new StartReplacing(activeAhead);
      case WAIT -> new Wait("Queued behind run " + name(activeAhead, 0) + " (concurrencyPolicy Queue).");
      case FORBIDDEN ->
          new Refuse(
              JobRunReasons.CONCURRENCY_FORBIDDEN,
              "Run " + name(activeAhead, 0) + " of this Event is still active and its"
                  + " concurrencyPolicy is Forbid; this run did not start.");
      case QUEUE_FULL ->
          new Refuse(
              JobRunReasons.QUEUE_FULL,
              "Run " + name(activeAhead, 0) + " is active and run " + name(activeAhead, 1)
                  + " already waits; concurrencyPolicy Queue holds at most one waiting run.");
    };
  }

  private static boolean hasPod(JobRun run) {
    return run.getStatus() != null && run.getStatus().getPodName() != null;
  }

  private static String name(List<JobRun> runs, int index) {
    return runs.get(index).getMetadata().getName();
  }
}
