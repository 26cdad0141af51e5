package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobRunSpec {

  @Required
  @JsonPropertyDescription("The Event to run.")
  private EventReference eventRef;

  @Default("Manual")
  @JsonPropertyDescription("Why this run exists: Manual (created by hand), Schedule, Action (a runEvent action of another run) or Webhook (a POST to the Event's webhook).")
  private RunTrigger trigger = RunTrigger.Manual;

  @JsonPropertyDescription("The nominal schedule slot this run is for (RFC 3339); empty for manual runs.")
  private String scheduledTime;

  @PreserveUnknownFields
  @JsonPropertyDescription("JSON input for this run only; replaces the Event's spec.input.")
  private JsonNode input;

  @JsonPropertyDescription(
      "Set to true to stop the run: its Pod gets SIGTERM, then is killed after a short grace;"
          + " the run ends Cancelled and is never retried.")
  private Boolean cancel;

  public Boolean getCancel() {
    return cancel;
  }

  public void setCancel(Boolean cancel) {
    this.cancel = cancel;
  }

  public EventReference getEventRef() {
    return eventRef;
  }

  public void setEventRef(EventReference eventRef) {
    this.eventRef = eventRef;
  }

  public RunTrigger getTrigger() {
    return trigger;
  }

  public void setTrigger(RunTrigger trigger) {
    this.trigger = trigger;
  }

  public String getScheduledTime() {
    return scheduledTime;
  }

  public void setScheduledTime(String scheduledTime) {
    this.scheduledTime = scheduledTime;
  }

  public JsonNode getInput() {
    return input;
  }

  public void setInput(JsonNode input) {
    this.input = input;
  }
}
