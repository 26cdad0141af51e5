package io.cronium.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cronium.api.v1alpha1.MissedRunPolicy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the golden table cannot show: the cost bound and argument checks. */
class DueSlotCalculatorTest {

  private static final Instant CREATED = Instant.parse("2026-05-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant TEN_DAYS_LATER = Instant.parse("2026-06-11T00:00:30Z");

  /** Counts slot look-ups, to prove that a long outage is not walked slot by slot. */
  private static final class CountingSchedule implements Schedule {
    private final Schedule schedule;
    private int lookUps;

    CountingSchedule(Schedule schedule) {
      this.schedule = schedule;
    }

    @Override
    public Optional<Instant> nextAfter(Instant t) {
      lookUps++;
      return schedule.nextAfter(t);
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant t) {
      lookUps++;
      return schedule.latestAtOrBefore(t);
    }
  }

  @Test
  void tenDaysBehindAnEveryMinuteScheduleCostsAFewHundredLookUpsNotFourteenThousand() {
    for (MissedRunPolicy policy : MissedRunPolicy.values()) {
      CountingSchedule schedule =
          new CountingSchedule(ScheduleParser.parse("* * * * *", ZoneOffset.UTC, CREATED));

      DueSlots due =
          DueSlotCalculator.calculate(schedule, CREATED, LAST, TEN_DAYS_LATER, null, policy);

      assertThat(due.tooManyMissed()).isTrue();
      assertThat(schedule.lookUps).as("look-ups for %s", policy).isLessThan(250);
    }
  }

  @Test
  void rejectsNegativeStartingDeadline() {
    Schedule schedule = ScheduleParser.parse("@hourly", ZoneOffset.UTC, CREATED);

    assertThatThrownBy(
            () ->
                DueSlotCalculator.calculate(
                    schedule, CREATED, LAST, TEN_DAYS_LATER, -1L, MissedRunPolicy.RunOnce))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("startingDeadlineSeconds must not be negative");
  }
}
