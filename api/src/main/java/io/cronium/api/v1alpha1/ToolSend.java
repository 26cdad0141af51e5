package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One message the run's script sent (or tried to) through a tool, as kept in JobRun status.sends. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ToolSend {

  @JsonPropertyDescription("The attempt whose script sent it.")
  private Integer attempt;

  @JsonPropertyDescription("Name of the tool Secret the script sent through.")
  private String tool;

  @JsonPropertyDescription("slack, discord, email or webhook: what the script asked to send.")
  private String type;

  @JsonPropertyDescription(
      "Who the message was for: the email recipients or the chat channel the script named, else the"
          + " tool's host. Never a URL path or query, which carry webhook tokens.")
  private String target;

  @JsonPropertyDescription("Sent or Failed.")
  private ToolSendOutcome outcome;

  @JsonPropertyDescription("CamelCase reason when it failed; see docs/troubleshooting.md.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail; names the tool Secret, never a value from it.")
  private String message;

  public ToolSend() {}

  public ToolSend(
      int attempt, String tool, String type, String target, ToolSendOutcome outcome, String reason, String message) {
    this.attempt = attempt;
    this.tool = tool;
    this.type = type;
    this.target = target;
    this.outcome = outcome;
    this.reason = reason;
    this.message = message;
  }

  public Integer getAttempt() {
    return attempt;
  }

  public void setAttempt(Integer attempt) {
    this.attempt = attempt;
  }

  public String getTool() {
    return tool;
  }

  public void setTool(String tool) {
    this.tool = tool;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public ToolSendOutcome getOutcome() {
    return outcome;
  }

  public void setOutcome(ToolSendOutcome outcome) {
    this.outcome = outcome;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof ToolSend other
        && Objects.equals(attempt, other.attempt)
        && Objects.equals(tool, other.tool)
        && Objects.equals(type, other.type)
        && Objects.equals(target, other.target)
        && outcome == other.outcome
        && Objects.equals(reason, other.reason)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(attempt, tool, type, target, outcome, reason, message);
  }
}
