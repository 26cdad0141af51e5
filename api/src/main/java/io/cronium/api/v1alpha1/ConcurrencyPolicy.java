package io.cronium.api.v1alpha1;

/** What a new run of an Event does when another run of it is still active. */
public enum ConcurrencyPolicy {
  /** Runs overlap freely. */
  Allow,
  /** The new run does not happen: a due slot is skipped (SkippedOverlap), a manual run fails. */
  Forbid,
  /** The active runs are deleted (their Pods stopped) and the new run starts. */
  Replace,
  /** The new run waits until the active one ends; at most one run waits, later ones are skipped. */
  Queue
}
