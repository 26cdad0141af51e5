package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Cumulative outcome counters of an Event's finished runs. */
public class RunCounts {

  @JsonPropertyDescription("Runs that ended Succeeded.")
  private long succeeded;

  @JsonPropertyDescription("Runs that ended Failed.")
  private long failed;

  @JsonPropertyDescription("Runs that ended TimedOut.")
  private long timedOut;

  @JsonPropertyDescription("Runs that ended Cancelled.")
  private long cancelled;

  public RunCounts() {}

  public RunCounts(long succeeded, long failed, long timedOut) {
    this(succeeded, failed, timedOut, 0);
  }

  public RunCounts(long succeeded, long failed, long timedOut, long cancelled) {
    this.succeeded = succeeded;
    this.failed = failed;
    this.timedOut = timedOut;
    this.cancelled = cancelled;
  }

  /** Returns these counts plus one run that ended in {@code phase}. */
  public RunCounts plus(JobRunPhase phase) {
    return switch (phase) {
      case Succeeded -> new RunCounts(succeeded + 1, failed, timedOut, cancelled);
      case Failed -> new RunCounts(succeeded, failed + 1, timedOut, cancelled);
      case TimedOut -> new RunCounts(succeeded, failed, timedOut + 1, cancelled);
      case Cancelled -> new RunCounts(succeeded, failed, timedOut, cancelled + 1);
      default -> throw new IllegalArgumentException("not a terminal phase: " + phase);
    };
  }

  public long getSucceeded() {
    return succeeded;
  }

  public void setSucceeded(long succeeded) {
    this.succeeded = succeeded;
  }

  public long getFailed() {
    return failed;
  }

  public void setFailed(long failed) {
    this.failed = failed;
  }

  public long getTimedOut() {
    return timedOut;
  }

  public void setTimedOut(long timedOut) {
    this.timedOut = timedOut;
  }

  public long getCancelled() {
    return cancelled;
  }

  public void setCancelled(long cancelled) {
    this.cancelled = cancelled;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunCounts other
        && succeeded == other.succeeded
        && failed == other.failed
        && timedOut == other.timedOut
        && cancelled == other.cancelled;
  }

  @Override
  public int hashCode() {
    return Objects.hash(succeeded, failed, timedOut, cancelled);
  }

  @Override
  public String toString() {
    return "succeeded=" + succeeded + " failed=" + failed + " timedOut=" + timedOut + " cancelled=" + cancelled;
  }
}
