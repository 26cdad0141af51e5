package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** What to do when a run of the Event ends: run another Event, or send a message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.when != 'Condition' || has(self.condition)",
    message = "condition (true or false) is required when `when` is Condition")
@ValidationRule(
    value = "self.when == 'Condition' || !has(self.condition)",
    message = "condition may only be set when `when` is Condition")
@ValidationRule(
    value = "has(self.runEvent) != has(self.notify)",
    message = "set exactly one of runEvent or notify")
public class Action {

  // Not "on": YAML 1.1 (kubectl, go-yaml) reads an unquoted on key as the boolean true.
  @Required
  @JsonPropertyDescription(
      "When the action fires: Success, Failure (Failed or TimedOut), Always, or Condition (the"
          + " run's set_condition value equals condition).")
  private ActionTrigger when;

  @JsonPropertyDescription("For when: Condition, the condition value that fires the action.")
  private Boolean condition;

  @JsonPropertyDescription("Run this Event with the run's output as its input.")
  private RunEventAction runEvent;

  @JsonPropertyDescription("Send a message through a tool Secret.")
  private NotifyAction notify;

  public ActionTrigger getWhen() {
    return when;
  }

  public void setWhen(ActionTrigger when) {
    this.when = when;
  }

  public Boolean getCondition() {
    return condition;
  }

  public void setCondition(Boolean condition) {
    this.condition = condition;
  }

  public RunEventAction getRunEvent() {
    return runEvent;
  }

  public void setRunEvent(RunEventAction runEvent) {
    this.runEvent = runEvent;
  }

  public NotifyAction getNotify() {
    return notify;
  }

  public void setNotify(NotifyAction notify) {
    this.notify = notify;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Action other
        && Objects.equals(when, other.when)
        && Objects.equals(condition, other.condition)
        && Objects.equals(runEvent, other.runEvent)
        && Objects.equals(notify, other.notify);
  }

  @Override
  public int hashCode() {
    return Objects.hash(when, condition, runEvent, notify);
  }
}
