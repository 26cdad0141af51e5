package io.cronium.operator.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What to do when a run of the Event ends: run another Event, or send a message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.on != 'Condition' || has(self.condition)",
    message = "condition (true or false) is required when on is Condition")
@ValidationRule(
    value = "self.on == 'Condition' || !has(self.condition)",
    message = "condition may only be set when on is Condition")
@ValidationRule(
    value = "has(self.runEvent) != has(self.notify)",
    message = "set exactly one of runEvent or notify")
public class Action {

  @Required
  @JsonPropertyDescription(
      "When the action fires: Success, Failure (Failed or TimedOut), Always, or Condition (the"
          + " run's set_condition value equals condition).")
  private ActionTrigger on;

  @JsonPropertyDescription("For on: Condition, the condition value that fires the action.")
  private Boolean condition;

  @JsonPropertyDescription("Run this Event with the run's output as its input.")
  private RunEventAction runEvent;

  @JsonPropertyDescription("Send a message through a tool Secret.")
  private NotifyAction notify;

  public ActionTrigger getOn() {
    return on;
  }

  public void setOn(ActionTrigger on) {
    this.on = on;
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
}
