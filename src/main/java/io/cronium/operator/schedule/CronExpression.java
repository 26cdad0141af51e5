package io.cronium.operator.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) in the dialect of
 * robfig/cron v3's standard parser, which Kubernetes CronJob uses. It knows which wall-clock
 * minutes match; time zones and DST are {@link CronSchedule}'s business.
 *
 * <p>Day rule (robfig's, and Vixie cron's): when day-of-month and day-of-week are both restricted,
 * a day matches if EITHER matches; when either one is a wildcard (see {@link
 * CronFieldValues#wildcard()}), both must match, which makes the wildcard one irrelevant.
 */
final class CronExpression {

  private final String text;
  private final CronFieldValues minutes;
  private final CronFieldValues hours;
  private final CronFieldValues daysOfMonth;
  private final CronFieldValues months;
  private final CronFieldValues daysOfWeek;

  private CronExpression(String text, String[] fields) {
    this.text = text;
    this.minutes = CronFieldValues.parse(CronField.MINUTE, fields[0]);
    this.hours = CronFieldValues.parse(CronField.HOUR, fields[1]);
    this.daysOfMonth = CronFieldValues.parse(CronField.DAY_OF_MONTH, fields[2]);
    this.months = CronFieldValues.parse(CronField.MONTH, fields[3]);
    this.daysOfWeek = CronFieldValues.parse(CronField.DAY_OF_WEEK, fields[4]);
    requireSomeDayExists(fields);
  }

  /** Parses exactly five whitespace-separated fields; macros are {@link ScheduleParser}'s job. */
  static CronExpression parse(String text) {
    String[] fields = text.trim().split("\\s+");
    if (fields.length != 5) {
      String problem =
          "expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as"
              + " @daily, found %d in \"%s\"";
      throw new InvalidScheduleException(String.format(problem, fields.length, text.trim()));
    }
    return new CronExpression(text.trim(), fields);
  }

  /**
   * Whether the hour field matches all 24 hours. Such schedules fire in both copies of a repeated
   * fall-back hour; schedules with fixed hours fire only in the first.
   */
  boolean matchesEveryHour() {
    return hours.matchesEveryValueOf(CronField.HOUR);
  }

  /**
   * The first matching minute at or after {@code from} (a whole minute) and before {@code limit}.
   */
  Optional<LocalDateTime> firstMatch(LocalDateTime from, LocalDateTime limit) {
    LocalDateTime candidate = from;
    while (candidate.isBefore(limit)) {
      LocalDate date = candidate.toLocalDate();
      if (!months.contains(candidate.getMonthValue())) {
        candidate = date.withDayOfMonth(1).plusMonths(1).atStartOfDay();
        continue;
      }
      if (!dayMatches(date)) {
        candidate = date.plusDays(1).atStartOfDay();
        continue;
      }
      OptionalInt hour = hours.firstAtOrAbove(candidate.getHour());
      if (hour.isEmpty()) {
        candidate = date.plusDays(1).atStartOfDay();
        continue;
      }
      if (hour.getAsInt() != candidate.getHour()) {
        candidate = date.atTime(hour.getAsInt(), 0);
      }
      OptionalInt minute = minutes.firstAtOrAbove(candidate.getMinute());
      if (minute.isEmpty()) {
        candidate = candidate.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      }
      candidate = candidate.withMinute(minute.getAsInt());
      return candidate.isBefore(limit) ? Optional.of(candidate) : Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The last matching minute at or before {@code from} (a whole minute) and at or after {@code
   * floor}.
   */
  Optional<LocalDateTime> lastMatch(LocalDateTime from, LocalDateTime floor) {
    LocalDateTime candidate = from;
    while (!candidate.isBefore(floor)) {
      LocalDate date = candidate.toLocalDate();
      if (!months.contains(candidate.getMonthValue())) {
        candidate = date.withDayOfMonth(1).atStartOfDay().minusMinutes(1);
        continue;
      }
      if (!dayMatches(date)) {
        candidate = date.atStartOfDay().minusMinutes(1);
        continue;
      }
      OptionalInt hour = hours.lastAtOrBelow(candidate.getHour());
      if (hour.isEmpty()) {
        candidate = date.atStartOfDay().minusMinutes(1);
        continue;
      }
      if (hour.getAsInt() != candidate.getHour()) {
        candidate = date.atTime(hour.getAsInt(), 59);
      }
      OptionalInt minute = minutes.lastAtOrBelow(candidate.getMinute());
      if (minute.isEmpty()) {
        candidate = candidate.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
        continue;
      }
      candidate = candidate.withMinute(minute.getAsInt());
      return candidate.isBefore(floor) ? Optional.empty() : Optional.of(candidate);
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate date) {
    boolean dayOfMonthMatches = daysOfMonth.contains(date.getDayOfMonth());
    boolean dayOfWeekMatches = daysOfWeek.contains(date.getDayOfWeek().getValue() % 7);
    if (daysOfMonth.wildcard() || daysOfWeek.wildcard()) {
      return dayOfMonthMatches && dayOfWeekMatches;
    }
    return dayOfMonthMatches || dayOfWeekMatches;
  }

  /**
   * Rejects expressions such as {@code 0 0 30 2 *} that can never fire. Decided exactly from the
   * calendar rather than by searching ahead: every month has every weekday, so only a day-of-month
   * that must hold on its own (day-of-week a wildcard) can be impossible, and it is possible when
   * some chosen month is long enough in some year (February counts 29 days: leap years recur at
   * most 8 years apart).
   */
  private void requireSomeDayExists(String[] fields) {
    if (!daysOfWeek.wildcard()) {
      return;
    }
    int earliestDay = daysOfMonth.firstAtOrAbove(CronField.DAY_OF_MONTH.min()).orElseThrow();
    for (Month month : Month.values()) {
      if (months.contains(month.getValue()) && earliestDay <= month.maxLength()) {
        return;
      }
    }
    String problem =
        "day-of-month field \"%s\" never occurs in month field \"%s\", so the schedule would"
            + " never fire";
    throw new InvalidScheduleException(String.format(problem, fields[2], fields[3]));
  }

  @Override
  public String toString() {
    return text;
  }
}
