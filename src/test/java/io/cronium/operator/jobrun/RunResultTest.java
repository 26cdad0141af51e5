package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunResultTest {

  @Test
  void parsesTheContractFieldsAndIgnoresUnknownOnes() {
    var result =
        RunResult.parse(
                "{\"exitCode\":0,\"output\":{\"x\":[1,2]},\"condition\":false,\"future\":1,"
                    + "\"outputTruncated\":true}")
            .orElseThrow();

    assertThat(result.exitCode()).isZero();
    assertThat(result.output().get("x").get(1).asInt()).isEqualTo(2);
    assertThat(result.condition()).isFalse();
    assertThat(result.outputTruncated()).isTrue();
    assertThat(result.timedOut()).isFalse();
  }

  @Test
  void textThatIsNotOurJsonIsNoResult() {
    assertThat(RunResult.parse(null)).isEmpty();
    assertThat(RunResult.parse("")).isEmpty();
    assertThat(RunResult.parse("Segmentation fault")).isEmpty();
    assertThat(RunResult.parse("{broken")).isEmpty();
  }

  @Test
  void findsTheLastMarkedLineInALog() {
    String log =
        "line 1\n::cronium-result::{\"exitCode\":1}\nmore\n::cronium-result::{\"exitCode\":0,\"output\":{\"big\":true}}\n";

    var result = RunResult.fromLog(log).orElseThrow();

    assertThat(result.exitCode()).isZero();
    assertThat(result.output().get("big").asBoolean()).isTrue();
  }
}
