package io.cronium.operator.jobrun;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/**
 * What runtime-api reports when a run ends (docs/runtime-contract.md): written to the
 * container's termination message, or — when larger than its 4 KiB cap — as the last log line
 * behind {@link #LOG_MARKER}.
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
    boolean resultInLog) {

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

  /** Finds the marked result line in a log, searching from the end. */
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
    return parse(json);
  }
}
