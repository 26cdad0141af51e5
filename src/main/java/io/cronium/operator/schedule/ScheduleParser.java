package io.cronium.operator.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * Reads the {@code schedule.cron} field: five cron fields, a macro, or {@code @every <duration>},
 * exactly as Kubernetes CronJob (robfig/cron v3's standard parser) does, except where Cronium is
 * deliberately stricter: no {@code TZ=}/{@code CRON_TZ=} prefix (the timeZone field says it), no
 * {@code @every} below 10 s, and no expression that can never fire.
 */
public final class ScheduleParser {

  /**
   * robfig's descriptors, written as the expressions they stand for. Case-sensitive, as in robfig.
   */
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private static final String EVERY = "@every";

  private ScheduleParser() {}

  /**
   * @param cron the schedule text
   * @param zone the wall clock cron fields are read in (not used by {@code @every})
   * @param anchor where {@code @every} counts from: the Event's startTime, else its creation time
   * @throws InvalidScheduleException with a message for the user when the text is not a usable
   *     schedule
   */
  public static Schedule parse(String cron, ZoneId zone, Instant anchor) {
    String text = cron == null ? "" : cron.trim();
    if (text.isEmpty()) {
      throw new InvalidScheduleException(
          "schedule is empty: write 5 cron fields such as \"*/5 * * * *\", "
              + "a macro such as @daily, or @every 1h");
    }
    if (text.startsWith("TZ=") || text.startsWith("CRON_TZ=")) {
      String problem =
          "schedule \"%s\": TZ= and CRON_TZ= are not accepted in the schedule; set the"
              + " schedule's timeZone field instead (as Kubernetes CronJob requires)";
      throw new InvalidScheduleException(String.format(problem, text));
    }
    if (!text.startsWith("@")) {
      return new CronSchedule(CronExpression.parse(text), zone);
    }
    if (MACROS.containsKey(text)) {
      return new CronSchedule(CronExpression.parse(MACROS.get(text)), zone);
    }
    String[] macroAndArgument = text.split("\\s+", 2);
    if (!macroAndArgument[0].equals(EVERY)) {
      String problem =
          "unknown macro \"%s\": use one of @yearly, @annually, @monthly, @weekly, @daily,"
              + " @midnight, @hourly or @every <duration> (lower case)";
      throw new InvalidScheduleException(String.format(problem, macroAndArgument[0]));
    }
    if (macroAndArgument.length == 1) {
      throw new InvalidScheduleException(
          "@every needs a duration, e.g. @every 1h30m or @every 90s");
    }
    try {
      return IntervalSchedule.parse(macroAndArgument[1], anchor);
    } catch (InvalidScheduleException e) {
      throw new InvalidScheduleException("\"" + text + "\": " + e.getMessage());
    }
  }
}
