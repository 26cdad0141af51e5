package io.cronium.operator.testing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How one benchmark client spaces its requests. A paced client starts at a random point of its
 * period and then sends once per period, so that many clients spread over the period instead of
 * arriving together, as independent users do; a client back to back sends as soon as its last
 * request returned.
 */
public final class Pace {

  private final long periodNanos;
  private long next;

  private Pace(long periodNanos) {
    this.periodNanos = periodNanos;
    this.next = System.nanoTime() + (periodNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(periodNanos));
  }

  /** @param period null: back to back */
  public static Pace of(Duration period) {
    return new Pace(period == null ? 0 : period.toNanos());
  }

  /** Returns when this client's next request is due. */
  public void awaitTurn() throws InterruptedException {
    if (periodNanos == 0) {
      return;
    }
    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
    next += periodNanos;
  }
}
