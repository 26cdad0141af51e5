package io.cronium.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotentRunNameTest {

  @Test
  void theSameEventAndKeyAlwaysGiveTheSameName() {
    assertThat(IdempotentRunName.of("deploy", "delivery-1")).isEqualTo(IdempotentRunName.of("deploy", "delivery-1"));
  }

  @Test
  void anotherKeyOrEventGivesAnotherName() {
    String name = IdempotentRunName.of("deploy", "delivery-1");

    assertThat(IdempotentRunName.of("deploy", "delivery-2")).isNotEqualTo(name);
    assertThat(IdempotentRunName.of("build", "delivery-1")).isNotEqualTo(name);
  }

  @Test
  void theNameIsTheEventsWithAMarkedHashOfTheKey() {
    // printf delivery-1 | sha256sum: a short Event name leaves room for 16 of its digits.
    assertThat(IdempotentRunName.of("deploy", "delivery-1")).isEqualTo("deploy-w0b220df196911513");
  }

  @Test
  void theLongestEventNameStillGivesAValidLabelValue() {
    String name = IdempotentRunName.of("e".repeat(52), "any key, however long ".repeat(50));

    assertThat(name).hasSize(63).matches("e{52}-w[0-9a-f]{9}");
  }

  @Test
  void keysWithAnyCharactersGiveAValidName() {
    assertThat(IdempotentRunName.of("deploy", "Ünïcode / spaces & symbols: 72d3a0b2-1c"))
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }
}
