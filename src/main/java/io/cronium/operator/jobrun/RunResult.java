package io.cronium.operator.jobrun;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/**
 * What runtime-api reports when a run ends (docs/runtime-contract.md): written to the
 * container's termination message, or — when larger than its 4 KiB cap — as the last log line
 * behind {@link #LOG_MARKER}, preceded by {@code outputChunks} {@link OutputChunks} lines that
 * carry the output. {@code outputLost} is the operator's own: why those chunks could not be read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunResult(
    Integer exitCode,
    JsonNode output,
    Boolean condition,
    JsonNode variables,
    boolean timedOut,
    String error,
    boolean outputTruncated,
    boolean resultInLog,
    int outputChunks,
    String outputLost) {

  public static final String LOG_MARKER = "::cronium-result::";

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  /**
   * Parses a termination message. Anything that is not our JSON (empty, a kubelet fallback to
   * the log, a crash text) yields empty: the exit code alone then decides the outcome.
   */
  public static Optional<RunResult> parse(String text) {
    if (text == null || text.isBlank() || !text.strip().startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(text.strip(), RunResult.class));
    } catch (Exception notOurs) {
      return Optional.empty();
    }
  }

  /**
   * Finds the marked result line in a log, searching from the end, and puts back the output from
   * the chunk lines before it; chunks that cannot be read leave the output empty and say why.
   */
  public static Optional<RunResult> fromLog(String log) {
    if (log == null) {
      return Optional.empty();
    }
    int marker = log.lastIndexOf(LOG_MARKER);
    if (marker < 0) {
      return Optional.empty();
    }
    int end = log.indexOf('\n', marker);
    String json = log.substring(marker + LOG_MARKER.length(), end < 0 ? log.length() : end);
    return parse(json).map(result -> result.withChunkedOutput(log.substring(0, marker)));
  }

  private RunResult withChunkedOutput(String logBeforeResult) {
    if (outputChunks == 0) {
      return this;
    }
    try {
      JsonNode value = OutputChunks.decode(logBeforeResult, outputChunks);
      return new RunResult(exitCode, value, condition, variables, timedOut, error, outputTruncated,
          resultInLog, outputChunks, null);
    } catch (UnreadableOutputException lost) {
      return new RunResult(exitCode, null, condition, variables, timedOut, error, outputTruncated,
          resultInLog, outputChunks, lost.getMessage());
    }
  }
}
