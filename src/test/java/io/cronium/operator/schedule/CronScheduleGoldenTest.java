package io.cronium.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cron parsing and fire times against the hand-made tables cron-next.psv and cron-previous.psv. */
class CronScheduleGoldenTest {

  /** Only @every uses it; those rows live in interval-next.psv or are invalid. */
  private static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");

  static Stream<GoldenTable.Row> nextRows() {
    return GoldenTable.rows("cron-next.psv", 4);
  }

  static Stream<GoldenTable.Row> previousRows() {
    return GoldenTable.rows("cron-previous.psv", 4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nextRows")
  void nextFireTimes(GoldenTable.Row row) {
    String expression = row.cell(0);
    ZoneId zone = ZoneId.of(row.cell(1));
    String expected = row.cell(3);
    if (expected.startsWith(GoldenTable.INVALID)) {
      assertThatThrownBy(() -> ScheduleParser.parse(expression, zone, ANCHOR))
          .isInstanceOf(InvalidScheduleException.class)
          .hasMessageContaining(expected.substring(GoldenTable.INVALID.length()));
      return;
    }
    List<Instant> slots = GoldenTable.instants(expected);
    Schedule schedule = ScheduleParser.parse(expression, zone, ANCHOR);

    List<Instant> actual = new ArrayList<>();
    Instant cursor = GoldenTable.instant(row.cell(2));
    for (int i = 0; i < slots.size(); i++) {
      Optional<Instant> next = schedule.nextAfter(cursor);
      assertThat(next).as("slot %d after %s", i + 1, cursor).isPresent();
      actual.add(next.get());
      cursor = next.get();
    }
    assertThat(actual).containsExactlyElementsOf(slots);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("previousRows")
  void previousFireTimes(GoldenTable.Row row) {
    Schedule schedule = ScheduleParser.parse(row.cell(0), ZoneId.of(row.cell(1)), ANCHOR);
    List<Instant> slots = GoldenTable.instants(row.cell(3));

    List<Instant> actual = new ArrayList<>();
    Optional<Instant> latest = schedule.latestAtOrBefore(GoldenTable.instant(row.cell(2)));
    while (latest.isPresent() && actual.size() < slots.size()) {
      actual.add(latest.get());
      latest = schedule.latestAtOrBefore(latest.get().minusNanos(1));
    }
    assertThat(actual).containsExactlyElementsOf(slots);
  }
}
