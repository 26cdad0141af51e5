package io.cronium.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Interval schedules ({@code interval} field and {@code @every}) against interval-next.psv. */
class IntervalScheduleGoldenTest {

  /**
   * @every ignores the zone: intervals are real elapsed time. This one has DST.
   */
  private static final ZoneId ZONE_WITH_DST = ZoneId.of("America/New_York");

  static Stream<GoldenTable.Row> rows() {
    return GoldenTable.rows("interval-next.psv", 4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void nextSlots(GoldenTable.Row row) {
    String schedule = row.cell(0);
    Instant anchor = GoldenTable.instant(row.cell(1));
    String expected = row.cell(3);
    if (expected.startsWith(GoldenTable.INVALID)) {
      assertThatThrownBy(() -> parse(schedule, anchor))
          .isInstanceOf(InvalidScheduleException.class)
          .hasMessageContaining(expected.substring(GoldenTable.INVALID.length()));
      return;
    }
    List<Instant> slots = GoldenTable.instants(expected);
    Schedule parsed = parse(schedule, anchor);

    List<Instant> actual = new ArrayList<>();
    Instant cursor = GoldenTable.instant(row.cell(2));
    while (actual.size() < slots.size()) {
      cursor = parsed.nextAfter(cursor).orElseThrow();
      actual.add(cursor);
    }
    assertThat(actual).containsExactlyElementsOf(slots);
    // Walking back from the last slot finds the same slots: the two directions agree.
    for (Instant slot : slots) {
      assertThat(parsed.latestAtOrBefore(slot)).contains(slot);
    }
  }

  private static Schedule parse(String schedule, Instant anchor) {
    String intervalPrefix = "interval ";
    return schedule.startsWith(intervalPrefix)
        ? IntervalSchedule.parse(schedule.substring(intervalPrefix.length()), anchor)
        : ScheduleParser.parse(schedule, ZONE_WITH_DST, anchor);
  }
}
