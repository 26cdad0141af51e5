package io.cronium.operator.jobrun;

import io.cronium.operator.event.ConcurrencyPolicy;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a run may start its Pod now, given the other runs of its Event and the Event's
 * concurrencyPolicy. Manual and scheduled runs pass the same gate. A run that has a Pod is
 * ahead of every run that has none; among those without, every replica and every reconcile
 * orders runs the same way (creation time, then name), so two runs created at once agree on
 * which goes first without talking to each other.
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

  private ConcurrencyGate() {}

  private static boolean hasPod(JobRun run) {
    return run.getStatus() != null && run.getStatus().getPodName() != null;
  }

  /**
   * @param run a run that has no Pod yet
   * @param siblings all runs of the same Event (may include {@code run} itself)
   */
  public static Decision decide(JobRun run, Collection<JobRun> siblings, ConcurrencyPolicy policy) {
    List<JobRun> activeBefore =
        siblings.stream()
            .filter(other -> !other.getMetadata().getName().equals(run.getMetadata().getName()))
            .filter(other -> !other.phase().isTerminal())
            .filter(other -> hasPod(other) || ORDER.compare(other, run) < 0)
            .sorted(ORDER)
            .toList();
    if (activeBefore.isEmpty() || policy == ConcurrencyPolicy.Allow) {
      return new Start();
    }
    String first = activeBefore.get(0).getMetadata().getName();
    return switch (policy) {
      case Allow -> new Start();
      case Replace -> new StartReplacing(activeBefore);
      case Forbid ->
          new Refuse(
              JobRunReasons.CONCURRENCY_FORBIDDEN,
              "Run " + first + " of this Event is still active and its concurrencyPolicy is"
                  + " Forbid; this run did not start.");
      case Queue ->
          activeBefore.size() == 1
              ? new Wait("Queued behind run " + first + " (concurrencyPolicy Queue).")
              : new Refuse(
                  JobRunReasons.QUEUE_FULL,
                  "Run " + first + " is active and run " + activeBefore.get(1).getMetadata().getName()
                      + " already waits; concurrencyPolicy Queue holds at most one waiting run.");
    };
  }
}
