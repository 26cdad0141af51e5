package io.cronium.api.v1alpha1;

/** Lifecycle of one run: Pending → Running → one terminal phase, which never changes again. */
public enum JobRunPhase {
  Pending,
  Running,
  Succeeded,
  Failed,
  TimedOut,
  /** Stopped on request (spec.cancel); never retried. */
  Cancelled;

  public boolean isTerminal() {
    return this == Succeeded || this == Failed || this == TimedOut || this == Cancelled;
  }
}
