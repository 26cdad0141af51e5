package io.cronium.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the span-by-span search of {@link CronSchedule} against brute force: every real minute in
 * two days around a DST transition, kept when its wall-clock time matches and the DST rule lets it
 * fire. Both directions of the search must find exactly those minutes.
 */
class CronScheduleSearchTest {

  static Stream<Arguments> cases() {
    List<String> expressions =
        List.of(
            "* * * * *",
            "*/7 * * * *",
            "30 * * * *",
            "0 */2 * * *",
            "15,45 1-3 * * *",
            "59 1 * * *",
            "0 0 * * *",
            "*/20 0-23 * * *",
            "0 2 * * *",
            "* 2 * * *",
            "0 23 * * *");
    List<Arguments> cases = new ArrayList<>();
    for (String transition :
        List.of(
            "America/New_York 2026-03-08T07:00:00Z", "America/New_York 2026-11-01T06:00:00Z",
            "Europe/Berlin 2026-03-29T01:00:00Z", "Europe/Berlin 2026-10-25T01:00:00Z",
            "America/Santiago 2026-09-06T04:00:00Z", "America/Santiago 2026-04-05T03:00:00Z",
            "Australia/Lord_Howe 2026-10-03T15:30:00Z", "UTC 2026-06-01T00:00:00Z")) {
      String[] zoneAndInstant = transition.split(" ");
      for (String expression : expressions) {
        cases.add(
            Arguments.of(
                expression, ZoneId.of(zoneAndInstant[0]), Instant.parse(zoneAndInstant[1])));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} in {1} around {2}")
  @MethodSource("cases")
  void searchFindsExactlyTheMinutesThatFire(String cron, ZoneId zone, Instant transition) {
    Instant from = transition.minus(Duration.ofDays(1));
    Instant to = transition.plus(Duration.ofDays(1));
    Schedule schedule = ScheduleParser.parse(cron, zone, from);
    List<Instant> expected = bruteForce(CronExpression.parse(cron), zone, from, to);

    List<Instant> forward = schedule.slotsBetween(from, to).toList();
    List<Instant> backward = new ArrayList<>();
    for (Instant slot = schedule.latestAtOrBefore(to).orElseThrow();
        slot.isAfter(from);
        slot = schedule.latestAtOrBefore(slot.minusNanos(1)).orElseThrow()) {
      backward.add(0, slot);
    }

    assertThat(expected).isNotEmpty();
    assertThat(forward).containsExactlyElementsOf(expected);
    assertThat(backward).containsExactlyElementsOf(expected);
  }

  /**
   * Every whole real minute in (from, to] whose wall time matches, minus repeated copies of fixed
   * hours.
   */
  private static List<Instant> bruteForce(
      CronExpression expression, ZoneId zone, Instant from, Instant to) {
    ZoneRules rules = zone.getRules();
    List<Instant> fires = new ArrayList<>();
    for (Instant minute = from.plusSeconds(60);
        !minute.isAfter(to);
        minute = minute.plusSeconds(60)) {
      LocalDateTime wallTime = LocalDateTime.ofInstant(minute, zone);
      boolean matches = expression.firstMatch(wallTime, wallTime.plusMinutes(1)).isPresent();
      ZoneOffsetTransition overlap = rules.getTransition(wallTime);
      boolean repeatedCopy =
          overlap != null
              && overlap.isOverlap()
              && rules.getOffset(minute).equals(overlap.getOffsetAfter());
      if (matches && (expression.matchesEveryHour() || !repeatedCopy)) {
        fires.add(minute);
      }
    }
    return fires;
  }
}
