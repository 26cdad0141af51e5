package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
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

  @Test
  void reassemblesTheOutputFromTheChunkLinesBeforeTheResultLine() {
    String log = "script line\n" + chunks("{\"big\":\"" + "é".repeat(3000) + "\"}", 3)
        + "::cronium-result::{\"exitCode\":0,\"resultInLog\":true,\"outputChunks\":3}\n";

    var result = RunResult.fromLog(log).orElseThrow();

    assertThat(result.output().get("big").asText()).isEqualTo("é".repeat(3000));
    assertThat(result.outputLost()).isNull();
  }

  @Test
  void aMissingChunkLeavesNoOutputAndSaysWhich() {
    String all = chunks("{\"big\":\"" + "x".repeat(5000) + "\"}", 2);
    String onlySecond = all.substring(all.indexOf('\n') + 1);

    var result = RunResult.fromLog("script line\n" + onlySecond
        + "::cronium-result::{\"exitCode\":0,\"outputChunks\":2}\n").orElseThrow();

    assertThat(result.output()).isNull();
    assertThat(result.exitCode()).isZero();
    assertThat(result.outputLost()).isEqualTo("output chunk 1 of 2 is missing or out of order in the log");
  }

  @Test
  void outOfOrderChunksAreRefusedNotMisassembled() {
    String[] lines = chunks("{\"big\":\"" + "x".repeat(5000) + "\"}", 2).split("\n");

    var result = RunResult.fromLog(lines[1] + "\n" + lines[0] + "\n"
        + "::cronium-result::{\"exitCode\":0,\"outputChunks\":2}").orElseThrow();

    assertThat(result.output()).isNull();
    assertThat(result.outputLost()).isEqualTo("output chunk 2 of 2 is missing or out of order in the log");
  }

  @Test
  void chunkLinesSplitByTheContainerRuntimeAreJoined() {
    String json = "{\"big\":\"" + "x".repeat(9000) + "\"}";
    String split = chunks(json, 3).replaceAll("(.{1000})", "$1\n");

    var result = RunResult.fromLog(OutputChunks.MARKER + " 1/3 spoofed by the script\n" + split
        + "::cronium-result::{\"exitCode\":0,\"outputChunks\":3}").orElseThrow();

    assertThat(result.outputLost()).isNull();
    assertThat(result.output().get("big").asText()).hasSize(9000);
  }

  @Test
  void aCutChunkOrAnAbsurdCountIsAReasonNotACrash() {
    String cut = OutputChunks.MARKER + " 1/1 eyJh*\n::cronium-result::{\"exitCode\":0,\"outputChunks\":1}";
    assertThat(RunResult.fromLog(cut).orElseThrow().outputLost()).contains("not base64");

    String tooMany = "::cronium-result::{\"exitCode\":0,\"outputChunks\":100000}";
    assertThat(RunResult.fromLog(tooMany).orElseThrow().outputLost()).contains("100000 output chunks");

    String notJson = OutputChunks.MARKER + " 1/1 " + base64("{\"a\":") + "\n::cronium-result::{\"outputChunks\":1}";
    assertThat(RunResult.fromLog(notJson).orElseThrow().outputLost()).isEqualTo("the reassembled output is not JSON");
  }

  @Test
  void theLogTailLeavesOutChunkAndResultLines() {
    String log = "one\n" + chunks("{\"a\":1}", 1).replace("==", "\n==") + "::cronium-result::{\"outputChunks\":1}\n";

    assertThat(new RunLogReader(null, 1024).tail(log)).isEqualTo("one\n");
  }

  /** The lines runtime-api prints for {@code json}, split into {@code count} even parts. */
  static String chunks(String json, int count) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    int size = (bytes.length + count - 1) / count;
    StringBuilder lines = new StringBuilder();
    for (int seq = 1; seq <= count; seq++) {
      byte[] part = Arrays.copyOfRange(bytes, (seq - 1) * size, Math.min(bytes.length, seq * size));
      lines.append(OutputChunks.MARKER).append(' ').append(seq).append('/').append(count).append(' ')
          .append(Base64.getEncoder().encodeToString(part)).append('\n');
    }
    return lines.toString();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
