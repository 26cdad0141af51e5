package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import io.cronium.operator.testing.ShiftableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCachesTest {

  private final ShiftableClock clock = new ShiftableClock();
  private final AtomicInteger loads = new AtomicInteger();

  private String load(String key) {
    return key + "#" + loads.incrementAndGet();
  }

  @Test
  void aValueIsReusedUntilItsTtlPassesOnTheGivenClock() {
    Cache<String, String> cache = ExpiringCaches.bounded(Duration.ofSeconds(10), 10, clock);

    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    clock.advance(Duration.ofSeconds(9));
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get("a", this::load)).isEqualTo("a#2");
  }

  @Test
  void aFailedLoadIsNotCached() {
    Cache<String, String> cache = ExpiringCaches.bounded(Duration.ofSeconds(10), 10, clock);

    assertThatThrownBy(() -> cache.get("a", key -> {
      throw new IllegalStateException("API server unavailable");
    })).hasMessage("API server unavailable");
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
  }
}
