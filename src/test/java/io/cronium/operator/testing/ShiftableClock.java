package io.cronium.operator.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The operator's clock in API-tier tests: real time plus an offset a test moves forward, so a
 * test reaches the next schedule slot without waiting for it. The offset is zero unless a test
 * sets it, so tests that rely on real time are unaffected.
 */
public final class ShiftableClock extends Clock {

  public static final ShiftableClock INSTANCE = new ShiftableClock();

  private volatile Duration offset = Duration.ZERO;

  public ShiftableClock() {}

  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  /**
   * Sets the clock back to one second past the start of the current real minute, so that objects
   * the API server stamps during the next few seconds leave the clock 59 s of real time before the
   * slot after them comes due. Called near the end of a real minute it first waits for the next
   * one, so such a stamp cannot fall in a later minute than the clock's.
   */
  public void rewindToMinuteStart(Duration stampMargin) {
    Instant real = Instant.now();
    while (real.getEpochSecond() % 60 >= 60 - stampMargin.toSeconds()) {
      sleepPast(Instant.ofEpochSecond(real.getEpochSecond() - real.getEpochSecond() % 60 + 60));
      real = Instant.now();
    }
    Instant minuteStart = Instant.ofEpochSecond(real.getEpochSecond() - real.getEpochSecond() % 60);
    offset = Duration.between(real, minuteStart.plusSeconds(1));
  }

  private static void sleepPast(Instant when) {
    try {
      Thread.sleep(Duration.between(Instant.now(), when).toMillis() + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the next minute", e);
    }
  }

  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the operator works in UTC instants");
  }
}
