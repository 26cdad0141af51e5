package io.cronium.operator.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Waits for a condition with a deadline and says how long it took, or that it never came, so a
 * fault case can report the figure and go on to its other checks. Calls that fail meanwhile (the
 * API server is away) count as "not yet".
 */
final class Polling {

  private static final Duration EVERY = Duration.ofMillis(200);

  private Polling() {}

  /** How long until {@code condition} held; empty if it did not within {@code atMost}. */
  static Optional<Duration> until(Duration atMost, Callable<Boolean> condition) {
    Instant start = Instant.now();
    try {
      await().atMost(atMost).pollInterval(EVERY).ignoreExceptions().until(condition);
      return Optional.of(Duration.between(start, Instant.now()));
    } catch (ConditionTimeoutException e) {
      return Optional.empty();
    }
  }

  /** As {@link #until}, giving up at once when {@code operator} has exited: nothing will change then. */
  static Optional<Duration> untilWhileRunning(OperatorProcess operator, Duration atMost, Callable<Boolean> condition) {
    Instant start = Instant.now();
    try {
      await().atMost(atMost).pollInterval(EVERY).ignoreExceptions()
          .failFast("operator " + operator.replica() + " exited", () -> !operator.alive())
          .until(condition);
      return Optional.of(Duration.between(start, Instant.now()));
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      return Optional.empty();
    }
  }
}
