package io.cronium.api.v1alpha1;

/** What to do with slots that passed while nothing ran them (operator down, Event suspended...). */
public enum MissedRunPolicy {
  /**
   * Run only on time: the latest slot runs if it is at most the starting deadline (60 s when none
   * is set) old; every other unmet slot is recorded as missed.
   */
  Skip,
  /**
   * Kubernetes CronJob's behaviour and the default: run the latest unmet slot once, record older
   * ones as missed.
   */
  RunOnce,
  /**
   * Run every unmet slot, oldest first, at most the 25 most recent; older ones are catch-up
   * overflow.
   */
  RunAll
}
