package io.cronium.api.v1alpha1;

/** Why a slot did not run as written, or why the scheduler stopped: what `describe` explains. */
public enum IncidentType {
  /** Slots passed without a run (operator down, suspended, policy Skip, past the deadline). */
  Missed,
  /** A slot came while a run was active and concurrencyPolicy said not to start another. */
  SkippedOverlap,
  /** RunAll had more missed slots than it starts at once. */
  CatchupOverflow,
  /** maxExecutions scheduled runs happened; the Event stopped scheduling. */
  AutoPaused,
  /** The schedule or its time zone cannot be read. */
  InvalidSchedule
}
