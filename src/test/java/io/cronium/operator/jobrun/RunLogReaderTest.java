package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cronium.contract.ResultReport;
import io.cronium.contract.RunResult;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunLogReaderTest {

  @Test
  void theLogTailLeavesOutChunkAndResultLines() {
    RunResult result = new RunResult(0, Optional.of(JsonNodeFactory.instance.textNode("x".repeat(5000))),
        Optional.empty(), Map.of(), Set.of(), false, null, false, false, 0);
    String log = "one\n" + String.join("\n", ResultReport.of(result).logLines()) + "\n";

    assertThat(new RunLogReader(null, 1024).tail(log)).isEqualTo("one\n");
  }

  @Test
  void theLogTailKeepsTheLastBytesFromALineStart() {
    assertThat(new RunLogReader(null, 8).tail("first line\nsecond\nthird\n")).isEqualTo("third\n");
  }
}
