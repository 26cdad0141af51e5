package io.cronium.operator.event;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Which finished runs an Event's history limits let go: the oldest beyond each limit. */
public final class RunHistory {

  /** Newest first: by completion time, then creation time, then name (RFC 3339 sorts as text). */
  private static final Comparator<JobRun> NEWEST_FIRST =
      Comparator.comparing(RunHistory::finishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(run -> run.getMetadata().getCreationTimestamp(),
              Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(run -> run.getMetadata().getName())
          .reversed();

  private RunHistory() {}

  public static List<JobRun> beyondLimits(Collection<JobRun> runs, int succeededLimit, int failedLimit) {
    return Stream.concat(
            oldestBeyond(runs, run -> run.phase() == JobRunPhase.Succeeded, succeededLimit),
            oldestBeyond(
                runs, run -> run.phase().isTerminal() && run.phase() != JobRunPhase.Succeeded, failedLimit))
        .toList();
  }

  private static Stream<JobRun> oldestBeyond(Collection<JobRun> runs, Predicate<JobRun> kind, int limit) {
    return runs.stream().filter(kind).sorted(NEWEST_FIRST).skip(Math.max(limit, 0));
  }

  private static String finishedAt(JobRun run) {
    return run.getStatus() == null ? null : run.getStatus().getCompletionTime();
  }
}
