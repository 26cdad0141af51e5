package io.cronium.operator.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Reads the schedule's {@code timeZone} field: an IANA zone name, UTC when absent. */
public final class ScheduleTimeZone {

  private ScheduleTimeZone() {}

  /**
   * @throws InvalidScheduleException for unknown names and for fixed offsets, which have no DST
   *     rules to follow
   */
  public static ZoneId parse(String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return ZoneOffset.UTC;
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone.trim());
    } catch (DateTimeException e) {
      throw invalid(timeZone, "it is not a known IANA time zone name");
    }
    // ZoneId.of also takes "+02:00" and "UTC+2"; Kubernetes CronJob only takes tz database names.
    if (zone instanceof ZoneOffset || zone.getId().matches("(UTC|GMT|UT)[+-].*")) {
      throw invalid(timeZone, "fixed offsets are not accepted");
    }
    return zone;
  }

  private static InvalidScheduleException invalid(String timeZone, String problem) {
    return new InvalidScheduleException(
        "timeZone \""
            + timeZone
            + "\": "
            + problem
            + "; use a name from the IANA time zone database such as Europe/Berlin,"
            + " America/New_York or UTC");
  }
}
