package io.cronium.operator.logs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delays between reconnects: 200 ms doubling up to 10 s, each drawn from the upper half of its
 * step ("equal jitter") so that many followers cut at once do not come back in step.
 */
public final class Backoff {

  public static final Duration INITIAL = Duration.ofMillis(200);
  public static final Duration CAP = Duration.ofSeconds(10);

  private final Duration initial;
  private final Duration cap;
  private final DoubleSupplier random;
  private int attempt;

  /** @param random values in [0, 1) */
  public Backoff(Duration initial, Duration cap, DoubleSupplier random) {
    this.initial = initial;
    this.cap = cap;
    this.random = random;
  }

  public static Backoff standard() {
    return new Backoff(INITIAL, CAP, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The delay before the next attempt; each call makes the following one longer, to the cap. */
  public Duration next() {
    long step = Math.min(cap.toMillis(), initial.toMillis() << Math.min(attempt, 30));
    attempt++;
    long half = step / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
  }

  /** Progress was made: the next break starts from the initial delay again. */
  public void reset() {
    attempt = 0;
  }
}
