package io.cronium.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcileErrorsTest {

  private static Optional<RetryInfo> attempt(int count, boolean last) {
    return Optional.of(new RetryInfo() {
      @Override
      public int getAttemptCount() {
        return count;
      }

      @Override
      public boolean isLastAttempt() {
        return last;
      }
    });
  }

  @Test
  void namesTheRootCauseAndThatARetryFollows() {
    Exception wrapped = new RuntimeException("outer", new IllegalStateException("no slot"));

    assertThat(ReconcileErrors.message(wrapped, Optional.empty()))
        .isEqualTo("IllegalStateException: no slot; retrying with backoff");
  }

  @Test
  void theSameErrorGivesTheSameTextOnEveryAttemptButTheLast() {
    Exception error = new IllegalStateException("no slot");

    assertThat(ReconcileErrors.message(error, attempt(1, false)))
        .isEqualTo(ReconcileErrors.message(error, attempt(3, false)));
    assertThat(ReconcileErrors.message(error, attempt(5, true)))
        .endsWith("retries used up, the next attempt comes within 5 minutes or on any change");
  }

  @Test
  void aLongErrorIsCutToWhatAConditionMessageShouldHold() {
    String message = ReconcileErrors.message(new IllegalStateException("x".repeat(5000)), Optional.empty());

    assertThat(message).hasSize(1024).endsWith("…");
  }
}
