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
