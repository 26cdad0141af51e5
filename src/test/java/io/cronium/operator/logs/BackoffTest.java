package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static List<Duration> delays(Backoff backoff, int count) {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(backoff.next());
    }
    return delays;
  }

  @Test
  void delaysDoubleFrom200MillisecondsUpToTheTenSecondCap() {
    Backoff noJitter = new Backoff(Backoff.INITIAL, Backoff.CAP, () -> 0.999999);

    assertThat(delays(noJitter, 9)).extracting(Duration::toMillis)
        .containsExactly(199L, 399L, 799L, 1599L, 3199L, 6399L, 9999L, 9999L, 9999L);
  }

  @Test
  void jitterKeepsEachDelayInTheUpperHalfOfItsStep() {
    Backoff lowest = new Backoff(Backoff.INITIAL, Backoff.CAP, () -> 0.0);

    assertThat(delays(lowest, 8)).extracting(Duration::toMillis)
        .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
  }

  @Test
  void manyAttemptsNeverOverflowPastTheCap() {
    Backoff backoff = new Backoff(Backoff.INITIAL, Backoff.CAP, () -> 0.5);

    assertThat(delays(backoff, 100)).allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(Backoff.CAP));
  }

  @Test
  void progressStartsTheDelaysAgain() {
    Backoff backoff = new Backoff(Backoff.INITIAL, Backoff.CAP, () -> 0.0);
    delays(backoff, 5);

    backoff.reset();

    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
  }
}
