package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cronium.operator.testing.ShiftableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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

  @Test
  void whileOneCallerReloadsAnExpiredValueTheOthersGetTheOldOne() throws Exception {
    ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(1), 10, clock);
    cache.get("a", this::load);
    clock.advance(Duration.ofSeconds(2));
    CountDownLatch reloading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    CompletableFuture<String> reloader = CompletableFuture.supplyAsync(() -> cache.get("a", key -> {
      reloading.countDown();
      await(release);
      return load(key);
    }));
    reloading.await();
    String meanwhile = cache.get("a", this::load);
    release.countDown();

    assertThat(meanwhile).isEqualTo("a#1");
    assertThat(reloader.get()).isEqualTo("a#2");
    assertThat(cache.get("a", this::load)).isEqualTo("a#2");
  }

  @Test
  void aFailedLoadIsNotCached() {
    ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(10), 10, clock);

    assertThatThrownBy(() -> cache.get("a", key -> {
      throw new IllegalStateException("API server unavailable");
    })).hasMessage("API server unavailable");
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
