package io.cronium.operator.jobrun;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a failed attempt of a run is followed by another: exponential backoff with a cap. */
public final class RetryPolicy {

  static final Duration FIRST_DELAY = Duration.ofSeconds(5);
  static final Duration MAX_DELAY = Duration.ofMinutes(5);

  private RetryPolicy() {}

  /**
   * @param failedAttempt the attempt that just failed, 1 for the run's first
   * @param retryLimit the Event's {@code retries.limit}: attempts allowed after the first
   * @return when the next attempt starts, or empty when the run has used up its retries
   */
  public static Optional<Instant> nextAttempt(int failedAttempt, int retryLimit, Instant failedAt) {
    if (failedAttempt > retryLimit) {
      return Optional.empty();
    }
    return Optional.of(failedAt.plus(delayAfter(failedAttempt)));
  }

  /** 5 s before the first retry, doubling for each further one, never more than 5 min. */
  static Duration delayAfter(int failedAttempt) {
    int doublings = failedAttempt - 1;
    // Beyond 2^6 the cap applies anyway; stopping there keeps the shift from overflowing.
    if (doublings >= 6) {
      return MAX_DELAY;
    }
    Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }
}
