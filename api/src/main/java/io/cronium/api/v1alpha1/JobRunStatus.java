package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobRunStatus {

  /** The most entries of {@link #getSends()}: as many as one attempt may send. */
  public static final int MAX_SENDS = 50;

  @JsonPropertyDescription("Pending, Running, Succeeded, Failed, TimedOut or Cancelled. Terminal phases never change.")
  private JobRunPhase phase;

  @JsonPropertyDescription(
      "Running, Complete and Failed, each True or False, as Jobs have them: `kubectl wait"
          + " --for=condition=Complete jobrun/NAME` waits for success, Failed=True means the run ended"
          + " Failed, TimedOut or Cancelled.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The metadata.generation this status was written for.")
  private Long observedGeneration;

  @JsonPropertyDescription("CamelCase reason for the phase; see docs/troubleshooting.md.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail for the phase, with what to do about it.")
  private String message;

  @JsonPropertyDescription("Name of the Pod that carries out this run.")
  private String podName;

  @JsonPropertyDescription("When the script started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the run reached its terminal phase (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("Script exit code; -1 when the run timed out, -2 when it was cancelled.")
  private Integer exitCode;

  @PreserveUnknownFields
  @JsonPropertyDescription("JSON the script passed to cronium_output / cronium.output().")
  private JsonNode output;

  @JsonPropertyDescription("True when the output exceeded 1 MiB and only its head was kept.")
  private Boolean outputTruncated;

  @JsonPropertyDescription("Value the script set with cronium_set_condition / set_condition().")
  private Boolean condition;

  @JsonPropertyDescription("Last lines of the run's log (up to 64 KiB), kept after the Pod is gone.")
  private String logTail;

  @JsonPropertyDescription("The container's termination message when it was not runtime-api's result (a crash text, say).")
  private String terminationMessage;

  @JsonPropertyDescription("Image ID (digest) the run's container actually ran.")
  private String imageDigest;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @Size(max = 20)
  @JsonPropertyDescription(
      "The Event's actions due when this run ended, one entry each (Pending until carried out),"
          + " and what each did; edits of the Event afterwards change nothing here.")
  private List<ActionRecord> actions = new ArrayList<>();

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @Size(max = MAX_SENDS)
  @JsonPropertyDescription(
      "The messages the script sent through tools (send helpers, docs/helpers.md), in order over"
          + " all attempts: tool, target and outcome of each, never a credential. An attempt sends at"
          + " most 50; past 50 over several attempts, the oldest make room.")
  private List<ToolSend> sends = new ArrayList<>();

  public List<ToolSend> getSends() {
    return sends;
  }

  public void setSends(List<ToolSend> sends) {
    this.sends = sends;
  }

  public List<ActionRecord> getActions() {
    return actions;
  }

  public void setActions(List<ActionRecord> actions) {
    this.actions = actions;
  }

  @JsonPropertyDescription("Which attempt the run is on: 1 for the first, more after retries.")
  private Integer attempt;

  @JsonPropertyDescription("When the next attempt starts (RFC 3339), while a retry is scheduled.")
  private String nextAttemptTime;

  public Integer getAttempt() {
    return attempt;
  }

  public void setAttempt(Integer attempt) {
    this.attempt = attempt;
  }

  /** The current attempt, 1 until a retry started another. */
  public int attemptNumber() {
    return attempt == null ? 1 : attempt;
  }

  public String getNextAttemptTime() {
    return nextAttemptTime;
  }

  public void setNextAttemptTime(String nextAttemptTime) {
    this.nextAttemptTime = nextAttemptTime;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public JobRunPhase getPhase() {
    return phase;
  }

  public void setPhase(JobRunPhase phase) {
    this.phase = phase;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getPodName() {
    return podName;
  }

  public void setPodName(String podName) {
    this.podName = podName;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public Integer getExitCode() {
    return exitCode;
  }

  public void setExitCode(Integer exitCode) {
    this.exitCode = exitCode;
  }

  public JsonNode getOutput() {
    return output;
  }

  public void setOutput(JsonNode output) {
    this.output = output;
  }

  public Boolean getOutputTruncated() {
    return outputTruncated;
  }

  public void setOutputTruncated(Boolean outputTruncated) {
    this.outputTruncated = outputTruncated;
  }

  public Boolean getCondition() {
    return condition;
  }

  public void setCondition(Boolean condition) {
    this.condition = condition;
  }

  public String getLogTail() {
    return logTail;
  }

  public void setLogTail(String logTail) {
    this.logTail = logTail;
  }

  public String getTerminationMessage() {
    return terminationMessage;
  }

  public void setTerminationMessage(String terminationMessage) {
    this.terminationMessage = terminationMessage;
  }

  public String getImageDigest() {
    return imageDigest;
  }

  public void setImageDigest(String imageDigest) {
    this.imageDigest = imageDigest;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobRunStatus other
        && phase == other.phase
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(reason, other.reason)
        && Objects.equals(message, other.message)
        && Objects.equals(podName, other.podName)
        && Objects.equals(startTime, other.startTime)
        && Objects.equals(completionTime, other.completionTime)
        && Objects.equals(exitCode, other.exitCode)
        && Objects.equals(output, other.output)
        && Objects.equals(outputTruncated, other.outputTruncated)
        && Objects.equals(condition, other.condition)
        && Objects.equals(logTail, other.logTail)
        && Objects.equals(terminationMessage, other.terminationMessage)
        && Objects.equals(imageDigest, other.imageDigest)
        && Objects.equals(actions, other.actions)
        && Objects.equals(sends, other.sends)
        && Objects.equals(attempt, other.attempt)
        && Objects.equals(nextAttemptTime, other.nextAttemptTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, reason, podName, startTime, completionTime, exitCode);
  }
}
