package io.cronium.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.MissedRunPolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CronJob's "most recent unmet slot" and the missed-run policies against due-slots.psv. */
class DueSlotCalculatorGoldenTest {

  static Stream<GoldenTable.Row> rows() {
    return GoldenTable.rows("due-slots.psv", 14);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void dueSlots(GoldenTable.Row row) {
    Instant startTime = optionalInstant(row.cell(2)).orElse(null);
    Instant creation = GoldenTable.instant(row.cell(3));
    Instant anchor = startTime != null ? startTime : creation;
    Schedule parsed = ScheduleParser.parse(row.cell(0), ZoneId.of(row.cell(1)), anchor);
    Schedule schedule = startTime == null ? parsed : new StartTimeFloor(parsed, startTime);
    Instant last = optionalInstant(row.cell(4)).orElse(null);
    Instant now = GoldenTable.instant(row.cell(5));
    Long deadline = row.cell(6).equals(GoldenTable.NONE) ? null : Long.valueOf(row.cell(6));
    MissedRunPolicy policy = MissedRunPolicy.valueOf(row.cell(7));

    DueSlots due = DueSlotCalculator.calculate(schedule, creation, last, now, deadline, policy);

    assertThat(due.slotsToRun())
        .as("slots to run")
        .containsExactlyElementsOf(GoldenTable.instants(row.cell(8)));
    assertThat(due.nextFireTime()).as("next fire time").isEqualTo(optionalInstant(row.cell(9)));
    assertThat(due.missedCount()).as("missed").isEqualTo(Integer.parseInt(row.cell(10)));
    assertThat(due.expiredCount())
        .as("expired by the deadline")
        .isEqualTo(Integer.parseInt(row.cell(11)));
    assertThat(due.deadlineExcludedSlots())
        .as("deadline excluded slots")
        .isEqualTo(due.expiredCount() > 0);
    assertThat(due.catchupOverflowCount())
        .as("catch-up overflow")
        .isEqualTo(Integer.parseInt(row.cell(12)));
    assertThat(due.tooManyMissed())
        .as("too many missed")
        .isEqualTo(Boolean.parseBoolean(row.cell(13)));
    // The decision covers every unmet slot up to the latest, run or not, so none is reported twice.
    if (!due.slotsToRun().isEmpty()) {
      assertThat(due.handledThrough()).contains(due.slotsToRun().get(due.slotsToRun().size() - 1));
    } else if (due.missedCount() + due.expiredCount() > 0) {
      assertThat(due.handledThrough())
          .hasValueSatisfying(slot -> assertThat(slot).isBeforeOrEqualTo(now));
    } else {
      assertThat(due.handledThrough()).isEmpty();
    }
  }

  private static Optional<Instant> optionalInstant(String text) {
    return text.equals(GoldenTable.NONE)
        ? Optional.empty()
        : Optional.of(GoldenTable.instant(text));
  }
}
