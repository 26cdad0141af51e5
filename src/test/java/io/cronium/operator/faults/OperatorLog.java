package io.cronium.operator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The operator's log as the chart configures it, one JSON object per line, read for what a fault
 * case must not find: an informer that gave up, or an exception inside one.
 */
final class OperatorLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * What fabric8 and java-operator-sdk log when an informer stops for good (fabric8's Reflector,
   * JOSDK's start-up check and its default stopped-informer handler).
   */
  private static final List<String> GAVE_UP = List.of(
      "will stop", "Informer startup error", "Fatal error in informer", "Informer stopped:");
  /** Loggers of informer code: a warning or error there is a list, watch or handler failure. */
  private static final List<String> INFORMER_LOGGERS = List.of(
      "io.fabric8.kubernetes.client.informers", "io.javaoperatorsdk.operator.processing.event.source.informer");
  private static final Set<String> PROBLEM_LEVELS = Set.of("WARN", "WARNING", "ERROR", "SEVERE", "FATAL");

  private final List<JsonNode> entries;

  private OperatorLog(List<JsonNode> entries) {
    this.entries = entries;
  }

  /** Reads {@code file}; lines that are not JSON (a JVM warning) are skipped. */
  static OperatorLog read(Path file) {
    List<JsonNode> entries = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("{")) {
          try {
            entries.add(JSON.readTree(line));
          } catch (IOException notJson) {
            // A line cut by kill -9 mid-write.
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new OperatorLog(entries);
  }

  /** Lines saying an informer stopped for good. */
  List<String> informersGivenUp() {
    return entries.stream()
        .filter(entry -> GAVE_UP.stream().anyMatch(entry.path("message").asText()::contains))
        .map(OperatorLog::describe)
        .toList();
  }

  /** Warnings and errors from informer code (retried failures too), and informers that gave up. */
  List<String> informerProblems() {
    return entries.stream()
        .filter(entry -> GAVE_UP.stream().anyMatch(entry.path("message").asText()::contains)
            || (PROBLEM_LEVELS.contains(entry.path("level").asText())
                && INFORMER_LOGGERS.stream().anyMatch(entry.path("loggerName").asText()::startsWith)))
        .map(OperatorLog::describe)
        .toList();
  }

  /** Every ERROR line, for the report. */
  List<String> errors() {
    return entries.stream()
        .filter(entry -> Set.of("ERROR", "SEVERE", "FATAL").contains(entry.path("level").asText()))
        .map(OperatorLog::describe)
        .toList();
  }

  private static String describe(JsonNode entry) {
    JsonNode exception = entry.path("exception");
    return entry.path("timestamp").asText() + " " + entry.path("level").asText() + " ["
        + entry.path("loggerName").asText() + "] " + entry.path("message").asText()
        + (exception.isMissingNode() ? ""
            : " (" + exception.path("exceptionType").asText() + ": " + exception.path("message").asText() + ")");
  }
}
