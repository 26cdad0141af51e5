package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.operator.testing.ShiftableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

  private final ShiftableClock clock = new ShiftableClock();
  private final AtomicInteger loads = new AtomicInteger();

  private String load(String key) {
    return key + "#" + loads.incrementAndGet();
  }

  @Test
  void aValueIsReusedUntilItsTtlPasses() {
    ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(10), 10, clock);

    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    clock.advance(Duration.ofSeconds(9));
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get("a", this::load)).isEqualTo("a#2");
  }

  @Test
  void aFullCacheMakesRoomAndStillAnswers() {
    ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(10), 2, clock);
    cache.get("a", this::load);
    cache.get("b", this::load);

    assertThat(cache.get("c", this::load)).isEqualTo("c#3");
    assertThat(cache.get("c", this::load)).isEqualTo("c#3");
  }
}
