package io.cronium.operator.event;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.RunCounts;
import io.cronium.api.v1alpha1.RunSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Computes an Event's status from its previous status and all its existing JobRuns. Counters
 * are cumulative: each finished run is added once, remembered by UID while the run exists.
 */
public final class EventStatusCalculator {

  private static final Comparator<JobRun> BY_CREATION =
      Comparator.comparing((JobRun run) -> run.getMetadata().getCreationTimestamp(),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(run -> run.getMetadata().getName());

  private static final Comparator<JobRun> BY_COMPLETION =
      Comparator.comparing((JobRun run) -> run.getStatus().getCompletionTime(),
              Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(BY_CREATION);

  private EventStatusCalculator() {}

  public static EventStatus calculate(EventStatus previous, Long generation, Collection<JobRun> runs) {
    EventStatus prior = previous == null ? new EventStatus() : previous;
    List<JobRun> ordered = runs.stream().sorted(BY_CREATION).toList();
    Set<String> existing =
        ordered.stream().map(run -> run.getMetadata().getUid()).collect(Collectors.toSet());

    Set<String> counted = new LinkedHashSet<>(prior.getCountedRunUids());
    counted.retainAll(existing);
    RunCounts counts = prior.getRunCounts() == null ? new RunCounts() : prior.getRunCounts();
    String lastSuccessfulTime = prior.getLastSuccessfulTime();
    List<String> active = new ArrayList<>();

    for (JobRun run : ordered) {
      JobRunPhase phase = run.phase();
      if (!phase.isTerminal()) {
        active.add(run.getMetadata().getName());
      } else if (counted.add(run.getMetadata().getUid())) {
        counts = counts.plus(phase);
      }
      if (phase == JobRunPhase.Succeeded) {
        lastSuccessfulTime = later(lastSuccessfulTime, run.getStatus().getCompletionTime());
      }
    }

    EventStatus next = new EventStatus();
    next.setObservedGeneration(generation);
    next.setRunCounts(counts);
    next.setActive(active);
    next.setCountedRunUids(new ArrayList<>(counted));
    next.setLastSuccessfulTime(lastSuccessfulTime);
    // The latest finished run: a run's Pending → Running steps do not rewrite the Event.
    next.setLastRun(
        ordered.stream()
            .filter(run -> run.phase().isTerminal())
            .max(BY_COMPLETION)
            .map(EventStatusCalculator::summary)
            .orElse(prior.getLastRun()));
    return next;
  }

  private static RunSummary summary(JobRun run) {
    JobRunStatus status = run.getStatus();
    RunSummary summary = new RunSummary();
    summary.setName(run.getMetadata().getName());
    summary.setPhase(run.phase());
    summary.setCreatedTime(run.getMetadata().getCreationTimestamp());
    if (status != null) {
      summary.setCompletionTime(status.getCompletionTime());
      summary.setExitCode(status.getExitCode());
    }
    return summary;
  }

  /** RFC 3339 UTC timestamps of equal precision order lexically. */
  private static String later(String a, String b) {
    if (a == null || b == null) {
      return Objects.requireNonNullElse(a, b);
    }
    return a.compareTo(b) >= 0 ? a : b;
  }
}
