package io.cronium.operator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * A cron expression evaluated on the wall clock of an IANA time zone, with deliberate DST rules:
 *
 * <ul>
 *   <li>Spring forward: wall times in the gap do not exist and are skipped (as robfig/cron and
 *       Kubernetes CronJob do); nothing is shifted to the next valid time.
 *   <li>Fall back: if the hour field matches all 24 hours (e.g. {@code 30 * * * *},
 *       {@code @hourly}, {@code 0-23}, {@code *}{@code /1}), the schedule fires in both copies of
 *       the repeated hour, because it means "every hour of real time". Otherwise the hours are
 *       fixed (including steps such as {@code *}{@code /2}) and it fires once, in the first copy;
 *       robfig fires twice here, we differ on purpose so a daily 01:30 job does not run twice.
 * </ul>
 *
 * <p>The search walks the time line in spans of constant UTC offset. Inside a span wall time and
 * real time advance together, so the matching wall-clock minutes map to instants in order; gaps are
 * never part of a span, and the repeated hour appears once in each of the two spans around it.
 */
final class CronSchedule implements Schedule {

  /**
   * How far to look for a slot. The longest silence of a valid expression is a 29 February schedule
   * across a non-leap century year (2096 to 2104): 8 years.
   */
  private static final Duration SEARCH_HORIZON = Duration.ofDays(9 * 366);

  private final CronExpression expression;
  private final ZoneId zone;
  private final ZoneRules rules;

  CronSchedule(CronExpression expression, ZoneId zone) {
    this.expression = expression;
    this.zone = zone;
    this.rules = zone.getRules();
  }

  @Override
  public Optional<Instant> nextAfter(Instant t) {
    Instant horizon = t.plus(SEARCH_HORIZON);
    Instant spanStart = t;
    LocalDateTime from = wallClock(t).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    while (spanStart.isBefore(horizon)) {
      ZoneOffset offset = rules.getOffset(spanStart);
      ZoneOffsetTransition transition = rules.nextTransition(spanStart);
      Instant spanEnd =
          transition == null || transition.getInstant().isAfter(horizon)
              ? horizon
              : transition.getInstant();
      LocalDateTime limit = LocalDateTime.ofInstant(spanEnd, offset);
      Optional<LocalDateTime> match = expression.firstMatch(from, limit);
      while (match.isPresent()) {
        if (fires(match.get(), offset)) {
          return Optional.of(match.get().toInstant(offset));
        }
        match = expression.firstMatch(match.get().plusMinutes(1), limit);
      }
      spanStart = spanEnd;
      from = ceilingMinute(wallClock(spanEnd));
    }
    return Optional.empty();
  }

  @Override
  public Optional<Instant> latestAtOrBefore(Instant t) {
    Instant horizon = t.minus(SEARCH_HORIZON);
    Instant spanEnd = t;
    LocalDateTime from = wallClock(t).truncatedTo(ChronoUnit.MINUTES);
    while (!spanEnd.isBefore(horizon)) {
      ZoneOffset offset = rules.getOffset(spanEnd);
      // The transition that opened this span: at or before spanEnd.
      ZoneOffsetTransition transition = rules.previousTransition(spanEnd.plusNanos(1));
      Instant spanStart =
          transition == null || transition.getInstant().isBefore(horizon)
              ? horizon
              : transition.getInstant();
      LocalDateTime floor = LocalDateTime.ofInstant(spanStart, offset);
      Optional<LocalDateTime> match = expression.lastMatch(from, floor);
      while (match.isPresent()) {
        if (fires(match.get(), offset)) {
          return Optional.of(match.get().toInstant(offset));
        }
        match = expression.lastMatch(match.get().minusMinutes(1), floor);
      }
      spanEnd = spanStart.minusNanos(1);
      from = wallClock(spanEnd).truncatedTo(ChronoUnit.MINUTES);
    }
    return Optional.empty();
  }

  /** A matching wall time fires unless it is the second copy of a repeated hour for fixed hours. */
  private boolean fires(LocalDateTime wallTime, ZoneOffset offset) {
    if (expression.matchesEveryHour()) {
      return true;
    }
    ZoneOffsetTransition transition = rules.getTransition(wallTime);
    boolean secondCopy =
        transition != null && transition.isOverlap() && offset.equals(transition.getOffsetAfter());
    return !secondCopy;
  }

  private LocalDateTime wallClock(Instant instant) {
    return LocalDateTime.ofInstant(instant, zone);
  }

  private static LocalDateTime ceilingMinute(LocalDateTime time) {
    LocalDateTime floor = time.truncatedTo(ChronoUnit.MINUTES);
    return floor.equals(time) ? time : floor.plusMinutes(1);
  }

  @Override
  public String toString() {
    return "cron \"" + expression + "\" in " + zone;
  }
}
