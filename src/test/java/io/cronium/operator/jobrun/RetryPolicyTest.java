package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Instant FAILED_AT = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void delayStartsAtFiveSecondsAndDoublesPerAttempt() {
    assertThat(RetryPolicy.nextAttempt(1, 10, FAILED_AT)).contains(FAILED_AT.plusSeconds(5));
    assertThat(RetryPolicy.nextAttempt(2, 10, FAILED_AT)).contains(FAILED_AT.plusSeconds(10));
    assertThat(RetryPolicy.nextAttempt(3, 10, FAILED_AT)).contains(FAILED_AT.plusSeconds(20));
    assertThat(RetryPolicy.nextAttempt(6, 10, FAILED_AT)).contains(FAILED_AT.plusSeconds(160));
  }

  @Test
  void delayIsCappedAtFiveMinutes() {
    assertThat(RetryPolicy.nextAttempt(7, 10, FAILED_AT)).contains(FAILED_AT.plus(Duration.ofMinutes(5)));
    assertThat(RetryPolicy.nextAttempt(10, 10, FAILED_AT)).contains(FAILED_AT.plus(Duration.ofMinutes(5)));
    assertThat(RetryPolicy.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void noRetryOnceTheLimitIsUsedUp() {
    assertThat(RetryPolicy.nextAttempt(1, 0, FAILED_AT)).isEmpty();
    assertThat(RetryPolicy.nextAttempt(3, 2, FAILED_AT)).isEmpty();
    assertThat(RetryPolicy.nextAttempt(2, 2, FAILED_AT)).isPresent();
    assertThat(RetryPolicy.nextAttempt(11, 10, FAILED_AT)).isEmpty();
  }
}
