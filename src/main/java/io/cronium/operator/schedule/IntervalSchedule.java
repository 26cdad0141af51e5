package io.cronium.operator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed period of real elapsed time (not wall-clock time, so DST never stretches or shrinks it),
 * with slots at {@code anchor + k·period} for every k ≥ 0.
 *
 * <p>The anchor is the Event's startTime or, without one, its creation time. The anchor itself is a
 * slot, but {@link DueSlotCalculator} never runs a slot at or before the creation time, so an Event
 * without startTime first runs one period after creation (like robfig's {@code @every} and
 * CronJob), while one with a future startTime first runs exactly at startTime (like a cron schedule
 * whose first match is startTime).
 */
public final class IntervalSchedule implements Schedule {

  /** Shorter periods would keep the operator busy doing little but starting Pods. */
  public static final Duration MINIMUM_PERIOD = Duration.ofSeconds(10);

  private final Duration period;
  private final Instant anchor;

  private IntervalSchedule(Duration period, Instant anchor) {
    this.period = period;
    this.anchor = anchor;
  }

  /**
   * An interval written as a Go duration ({@code 90s}, {@code 1h30m}). Like robfig's
   * {@code @every}, fractions of a second are dropped; the result must be at least 10 s.
   */
  public static IntervalSchedule parse(String text, Instant anchor) {
    Duration written = GoDuration.parse(text.trim());
    Duration period = Duration.ofSeconds(written.getSeconds());
    if (period.compareTo(MINIMUM_PERIOD) < 0) {
      String problem =
          "interval \"%s\" is too short: it must be at least %ds (whole seconds count; fractions"
              + " are dropped)";
      throw new InvalidScheduleException(
          String.format(problem, text.trim(), MINIMUM_PERIOD.toSeconds()));
    }
    return new IntervalSchedule(period, Objects.requireNonNull(anchor, "anchor"));
  }

  @Override
  public Optional<Instant> nextAfter(Instant t) {
    if (t.isBefore(anchor)) {
      return Optional.of(anchor);
    }
    long periodsElapsed = Duration.between(anchor, t).dividedBy(period);
    return Optional.of(anchor.plus(period.multipliedBy(periodsElapsed + 1)));
  }

  @Override
  public Optional<Instant> latestAtOrBefore(Instant t) {
    if (t.isBefore(anchor)) {
      return Optional.empty();
    }
    long periodsElapsed = Duration.between(anchor, t).dividedBy(period);
    return Optional.of(anchor.plus(period.multipliedBy(periodsElapsed)));
  }

  @Override
  public String toString() {
    return "every " + period + " from " + anchor;
  }
}
