package io.cronium.operator.observability;

import io.cronium.operator.event.Event;
import io.cronium.operator.event.EventStatus;
import io.cronium.operator.jobrun.JobRun;
import io.cronium.operator.jobrun.JobRunPhase;
import io.cronium.operator.jobrun.JobRunStatus;
import io.cronium.operator.observability.KubernetesEventRecorder.Type;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes Events on a Cronium Event, so that {@code kubectl describe cev NAME} answers "did it
 * run, and why not?". The scheduler reports missed and skipped slots through it.
 */
@ApplicationScoped
public class EventReporter {

  private final KubernetesEventRecorder events;

  public EventReporter(KubernetesEventRecorder events) {
    this.events = events;
  }

  /**
   * {@code event} carries the status just written, {@code before} the one it replaced, and
   * {@code runs} the Event's JobRuns it was computed from.
   */
  public void statusWritten(Event event, EventStatus before, Collection<JobRun> runs) {
    for (JobRun run : newlyCounted(before, event.getStatus(), runs)) {
      JobRunStatus status = run.getStatus();
      boolean succeeded = status.getPhase() == JobRunPhase.Succeeded;
      events.record(event, succeeded ? Type.Normal : Type.Warning,
          succeeded ? KubernetesEventReasons.RUN_SUCCEEDED : KubernetesEventReasons.RUN_FAILED,
          "Run", "JobRun " + run.getMetadata().getName() + " " + status.getPhase()
              + (status.getExitCode() == null ? "" : " (exit code " + status.getExitCode() + ")")
              + (status.getReason() == null ? "" : ": " + status.getReason()));
    }
  }

  /** A scheduled slot passed without a run (operator down past startingDeadlineSeconds, Skip). */
  public void missedSlot(Event event, Instant slot, String why) {
    events.record(event, Type.Warning, KubernetesEventReasons.MISSED_SLOT, "Schedule",
        "Missed the run due at " + slot + ": " + why);
  }

  /** A slot was not run because an earlier run was still active (concurrencyPolicy Forbid). */
  public void skippedOverlap(Event event, Instant slot, String activeRun) {
    events.record(event, Type.Normal, KubernetesEventReasons.SKIPPED_OVERLAP, "Schedule",
        "Skipped the run due at " + slot + ": JobRun " + activeRun + " is still active");
  }

  /** The finished runs this write counted for the first time (each run is counted once). */
  static List<JobRun> newlyCounted(EventStatus before, EventStatus after, Collection<JobRun> runs) {
    Set<String> counted = new HashSet<>(after == null ? List.of() : after.getCountedRunUids());
    if (before != null) {
      counted.removeAll(before.getCountedRunUids());
    }
    return runs.stream()
        .filter(run -> counted.contains(run.getMetadata().getUid()))
        .filter(run -> run.getStatus() != null && run.getStatus().getPhase() != null)
        .sorted(Comparator.comparing(run -> run.getMetadata().getName()))
        .toList();
  }
}
