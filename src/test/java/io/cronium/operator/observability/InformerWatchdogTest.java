package io.cronium.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.operator.observability.ReadinessVerdict.InformerState;
import io.cronium.operator.testing.StepClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformerWatchdogTest {

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
