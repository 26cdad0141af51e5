package io.cronium.operator.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** What a message template can name: {@code event.*} and {@code run.*} of the finished run. */
public final class RunMessageModel {

  private RunMessageModel() {}

  public static JsonNode of(Event event, JobRun run) {
    ObjectNode model = JsonNodeFactory.instance.objectNode();
    model.putObject("event").put("name", event.getMetadata().getName());
    ObjectNode runNode = model.putObject("run");
    runNode.put("name", run.getMetadata().getName());
    runNode.put("phase", run.phase().name());
    JobRunStatus status = run.getStatus();
    if (status != null) {
      if (status.getExitCode() != null) {
        runNode.put("exitCode", status.getExitCode());
      }
      if (status.getOutput() != null) {
        runNode.set("output", status.getOutput());
      }
      runNode.put("duration", duration(status.getStartTime(), status.getCompletionTime()));
      runNode.put("logTail", status.getLogTail() == null ? "" : status.getLogTail());
    }
    return model;
  }

  /** Start to completion as "12s" or "3m4s"; empty when either end is unknown. */
  static String duration(String start, String completion) {
    if (start == null || completion == null) {
      return "";
    }
    try {
      Duration elapsed = Duration.between(Instant.parse(start), Instant.parse(completion));
      long seconds = Math.max(0, elapsed.toSeconds());
      return seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    } catch (DateTimeParseException e) {
      return "";
    }
  }
}
