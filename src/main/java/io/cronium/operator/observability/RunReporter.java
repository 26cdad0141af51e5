package io.cronium.operator.observability;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventReasons;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.operator.observability.KubernetesEventRecorder.Type;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells the world what a JobRun status write changed: a Kubernetes Event per transition and the
 * run metrics. Called only after the write landed, so each transition is reported once.
 */
@ApplicationScoped
public class RunReporter {

  private final KubernetesEventRecorder events;
  private final RunMetrics metrics;

  public RunReporter(KubernetesEventRecorder events, RunMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  /** Called on every reconcile: makes the namespace's active runs visible as a metric. */
  /** An Event was deleted: its run metrics go with it. */
  public void eventGone(Event event) {
    metrics.eventGone(event.getMetadata().getNamespace(), event.getMetadata().getName());
  }

  public void reconciling(JobRun run, IndexedResourceCache<JobRun> runs) {
    metrics.trackActiveRuns(run.getMetadata().getNamespace(), runs);
  }

  /** A reconcile of {@code run} threw: a Warning Kubernetes Event, seen by kubectl describe. */
  public void reconcileFailed(JobRun run, String message) {
    events.record(run, Type.Warning, EventReasons.RECONCILE_ERROR, "Reconcile", message);
  }

  /** {@code run} carries the status just written; {@code before} the one it replaced. */
  public void statusWritten(JobRun run, JobRunStatus before) {
    JobRunStatus after = run.getStatus();
    for (RunTransition transition : RunTransition.between(before, after)) {
      switch (transition) {
        case POD_CREATED ->
            events.record(run, Type.Normal, KubernetesEventReasons.POD_CREATED, "CreatePod",
                "Created Pod " + after.getPodName());
        case STARTED ->
            events.record(run, Type.Normal, KubernetesEventReasons.STARTED, "Run",
                "Script started at " + after.getStartTime());
        case RETRY_SCHEDULED ->
            events.record(run, Type.Warning, JobRunReasons.RETRY_SCHEDULED, "Retry", after.getMessage());
        case FINISHED -> {
          boolean expected = after.getPhase() == JobRunPhase.Succeeded
              || after.getPhase() == JobRunPhase.Cancelled;
          events.record(run, expected ? Type.Normal : Type.Warning,
              after.getReason() == null ? after.getPhase().name() : after.getReason(), "Finish",
              finishedNote(after));
          metrics.runFinished(run);
        }
      }
    }
  }

  private static String finishedNote(JobRunStatus status) {
    StringBuilder note = new StringBuilder(status.getPhase().name());
    if (status.getExitCode() != null) {
      note.append(" (exit code ").append(status.getExitCode()).append(')');
    }
    if (status.getMessage() != null) {
      note.append(": ").append(status.getMessage());
    }
    return note.toString();
  }
}
