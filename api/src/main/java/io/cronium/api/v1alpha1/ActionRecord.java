package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The outcome of one action of a finished run, as kept in JobRun status.actions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ActionRecord {

  @JsonPropertyDescription("Position of the action in the Event's spec.actions when the run ended.")
  private Integer index;

  @JsonPropertyDescription("runEvent or notify.")
  private String type;

  @JsonPropertyDescription("Pending, Created, Skipped, Sending, Sent, Failed or Unknown.")
  private ActionState state;

  @JsonPropertyDescription("CamelCase reason; see docs/troubleshooting.md.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail.")
  private String message;

  @JsonPropertyDescription("runEvent: the JobRun the action created.")
  private String jobRun;

  @JsonPropertyDescription("When the action reached this state (RFC 3339).")
  private String time;

  @JsonPropertyDescription(
      "The action as the Event's spec.actions held it when the run ended: what is carried out,"
          + " whatever the Event says later.")
  private Action action;

  public ActionRecord() {}

  public ActionRecord(
      int index, String type, ActionState state, String reason, String message, String time) {
    this.index = index;
    this.type = type;
    this.state = state;
    this.reason = reason;
    this.message = message;
    this.time = time;
  }

  public Integer getIndex() {
    return index;
  }

  public void setIndex(Integer index) {
    this.index = index;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public ActionState getState() {
    return state;
  }

  public void setState(ActionState state) {
    this.state = state;
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

  public String getJobRun() {
    return jobRun;
  }

  public void setJobRun(String jobRun) {
    this.jobRun = jobRun;
  }

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public Action getAction() {
    return action;
  }

  public void setAction(Action action) {
    this.action = action;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActionRecord other
        && Objects.equals(index, other.index)
        && Objects.equals(type, other.type)
        && state == other.state
        && Objects.equals(reason, other.reason)
        && Objects.equals(message, other.message)
        && Objects.equals(jobRun, other.jobRun)
        && Objects.equals(time, other.time)
        && Objects.equals(action, other.action);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, state, reason, jobRun);
  }
}
