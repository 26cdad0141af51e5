package io.cronium.operator.event;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.RunTrigger;
import io.cronium.operator.action.ActionProgress;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which finished runs an Event's history limits let go: the oldest beyond each limit, except the
 * runs that are the only record of something. A scheduled run whose slot is newer than the
 * Event's stored lastHandledSlot is what stops the slot being run again (the status write that
 * records the slot may not have landed); a run with actions still to fire or being sent is what
 * stops them being lost. Those stay until the next pass finds them settled.
 */
public final class RunHistory {

  /** Newest first: by completion time, then creation time, then name (RFC 3339 sorts as text). */
  private static final Comparator<JobRun> NEWEST_FIRST =
      Comparator.comparing(RunHistory::finishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(run -> run.getMetadata().getCreationTimestamp(),
              Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(run -> run.getMetadata().getName())
          .reversed();

  private RunHistory() {}

  public static List<JobRun> beyondLimits(Event event, Collection<JobRun> runs) {
    if (event.getSpec() == null) {
      return List.of();
    }
    int succeededLimit = event.getSpec().getSuccessfulRunsHistoryLimit();
    int failedLimit = event.getSpec().getFailedRunsHistoryLimit();
    Optional<Instant> handled =
        SchedulePlanner.instant(event.getStatus() == null ? null : event.getStatus().getLastHandledSlot());
    return Stream.concat(
            oldestBeyond(runs, run -> run.phase() == JobRunPhase.Succeeded, succeededLimit),
            oldestBeyond(
                runs, run -> run.phase().isTerminal() && run.phase() != JobRunPhase.Succeeded, failedLimit))
        .filter(run -> !slotNotYetRecorded(run, handled))
        .filter(run -> !ActionProgress.pending(run))
        .toList();
  }

  private static Stream<JobRun> oldestBeyond(Collection<JobRun> runs, Predicate<JobRun> kind, int limit) {
    return runs.stream().filter(kind).sorted(NEWEST_FIRST).skip(Math.max(limit, 0));
  }

  private static boolean slotNotYetRecorded(JobRun run, Optional<Instant> handled) {
    if (run.getSpec() == null || run.getSpec().getTrigger() != RunTrigger.Schedule) {
      return false;
    }
    Optional<Instant> slot = SchedulePlanner.instant(run.getSpec().getScheduledTime());
    return slot.isPresent() && handled.map(slot.get()::isAfter).orElse(true);
  }

  private static String finishedAt(JobRun run) {
    return run.getStatus() == null ? null : run.getStatus().getCompletionTime();
  }
}
