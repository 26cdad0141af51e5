package io.cronium.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.operator.testing.StepClock;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebhookRateLimiterTest {

  private final StepClock clock = new StepClock();
  private final WebhookRateLimiter limiter = new WebhookRateLimiter(60, clock);

  private long acquired(String event, int attempts) {
    return IntStream.range(0, attempts).filter(i -> limiter.tryAcquire(event)).count();
  }

  @Test
  void aMinutesAllowanceMayComeAtOnceAndNoMore() {
    assertThat(acquired("ns/hook", 60)).isEqualTo(60);
    assertThat(limiter.tryAcquire("ns/hook")).isFalse();
  }

  @Test
  void theAllowanceRefillsEvenlyOverTheMinute() {
    acquired("ns/hook", 60);

    clock.advance(Duration.ofMillis(999));
    assertThat(limiter.tryAcquire("ns/hook")).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire("ns/hook")).isTrue();
    assertThat(limiter.tryAcquire("ns/hook")).isFalse();

    clock.advance(Duration.ofSeconds(30));
    assertThat(acquired("ns/hook", 60)).isEqualTo(30);
  }

  @Test
  void aQuietEventDoesNotSaveUpMoreThanOneMinutesAllowance() {
    limiter.tryAcquire("ns/hook");
    clock.advance(Duration.ofSeconds(59));

    assertThat(acquired("ns/hook", 200)).isEqualTo(60);
  }

  @Test
  void anEventForgottenAfterAQuietHourStartsWithOneMinutesAllowance() {
    acquired("ns/hook", 60);
    clock.advance(Duration.ofHours(1));

    assertThat(acquired("ns/hook", 200)).isEqualTo(60);
  }

  @Test
  void eachEventHasItsOwnAllowance() {
    acquired("ns/busy", 60);

    assertThat(limiter.tryAcquire("ns/busy")).isFalse();
    assertThat(limiter.tryAcquire("ns/quiet")).isTrue();
    assertThat(limiter.tryAcquire("other/busy")).isTrue();
  }

  @Test
  void retryAfterIsTheTimeOneDeliveryTakesToRefill() {
    assertThat(limiter.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(new WebhookRateLimiter(6, clock).retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(new WebhookRateLimiter(600, clock).retryAfter()).isEqualTo(Duration.ofSeconds(1));
  }
}
