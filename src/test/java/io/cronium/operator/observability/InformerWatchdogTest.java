package io.cronium.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.operator.observability.ReadinessVerdict.InformerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformerWatchdogTest {

  /** Moves only when told: the limit is compared to the exact time that passed. */
  private static final class StepClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final StepClock clock = new StepClock();
  private final InformerWatchdog watchdog = new InformerWatchdog(clock, Duration.ofSeconds(60));

  private static InformerState healthy(String name) {
    return new InformerState(name, true, true, true);
  }

  private static InformerState notWatching(String name) {
    return new InformerState(name, true, true, false);
  }

  @Test
  void anInformerUnhealthyPastTheLimitIsDeaf() {
    assertThat(watchdog.deaf(true, List.of(healthy("events"), notWatching("pods")))).isEmpty();

    clock.advance(Duration.ofSeconds(60));
    assertThat(watchdog.deaf(true, List.of(healthy("events"), notWatching("pods")))).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(watchdog.deaf(true, List.of(healthy("events"), notWatching("pods")))).containsExactly("pods");
  }

  @Test
  void recoveringStartsTheCountAgain() {
    watchdog.deaf(true, List.of(notWatching("pods")));
    clock.advance(Duration.ofSeconds(50));
    watchdog.deaf(true, List.of(healthy("pods")));
    clock.advance(Duration.ofSeconds(20));
    watchdog.deaf(true, List.of(notWatching("pods")));
    clock.advance(Duration.ofSeconds(50));

    assertThat(watchdog.deaf(true, List.of(notWatching("pods")))).isEmpty();
  }

  @Test
  void aStandbyWhoseInformersHaveNotStartedIsNeverDeaf() {
    List<InformerState> standby = List.of(new InformerState("pods", false, false, false));
    watchdog.deaf(true, standby);
    clock.advance(Duration.ofMinutes(10));

    assertThat(watchdog.deaf(true, standby)).isEmpty();
    assertThat(watchdog.deaf(false, standby)).isEmpty();
    clock.advance(Duration.ofSeconds(61));
    assertThat(watchdog.deaf(false, standby)).containsExactly("pods");
  }
}
