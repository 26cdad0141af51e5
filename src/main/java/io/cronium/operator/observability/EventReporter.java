package io.cronium.operator.observability;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.Incident;
import io.cronium.api.v1alpha1.IncidentType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.operator.observability.KubernetesEventRecorder.Type;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes Events on a Cronium Event, so that {@code kubectl describe cev NAME} answers "did it
 * run, and why not?": each run counted as finished, and each incident the scheduler records
 * (missed slot, skipped overlap, ...) with its type as the reason.
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
    for (Incident incident : newIncidents(before, event.getStatus())) {
      events.record(event,
          incident.getType() == IncidentType.SkippedOverlap ? Type.Normal : Type.Warning,
          incident.getType().name(), "Schedule",
          (incident.getSlot() == null ? "" : "Slot " + incident.getSlot() + ": ") + incident.getMessage());
    }
    for (JobRun run : newlyCounted(before, event.getStatus(), runs)) {
      JobRunStatus status = run.getStatus();
      events.record(event, status.getPhase() == JobRunPhase.Succeeded
              || status.getPhase() == JobRunPhase.Cancelled ? Type.Normal : Type.Warning,
          outcomeReason(status.getPhase()), "Run", "JobRun " + run.getMetadata().getName() + " " + status.getPhase()
              + (status.getExitCode() == null ? "" : " (exit code " + status.getExitCode() + ")")
              + (status.getReason() == null ? "" : ": " + status.getReason()));
    }
  }

  private static String outcomeReason(JobRunPhase phase) {
    return switch (phase) {
      case Succeeded -> KubernetesEventReasons.RUN_SUCCEEDED;
      case Cancelled -> KubernetesEventReasons.RUN_CANCELLED;
      default -> KubernetesEventReasons.RUN_FAILED;
    };
  }

  /** The incidents this write added (the status keeps the last few, oldest first). */
  static List<Incident> newIncidents(EventStatus before, EventStatus after) {
    List<Incident> added = new ArrayList<>(after == null ? List.of() : after.getIncidents());
    if (before != null) {
      added.removeAll(before.getIncidents());
    }
    return added;
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
