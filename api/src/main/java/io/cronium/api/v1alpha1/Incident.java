package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.Objects;

/** One thing the scheduler did not do as the schedule says, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Incident {

  @JsonPropertyDescription("Missed, SkippedOverlap, CatchupOverflow, AutoPaused or InvalidSchedule.")
  private IncidentType type;

  @JsonPropertyDescription("When the operator noticed it (RFC 3339).")
  private String time;

  @JsonPropertyDescription("The schedule slot concerned, when there is one (RFC 3339).")
  private String slot;

  @JsonPropertyDescription("What happened and what to do about it.")
  private String message;

  public Incident() {}

  public Incident(IncidentType type, Instant time, Instant slot, String message) {
    this.type = type;
    this.time = time.toString();
    this.slot = slot == null ? null : slot.toString();
    this.message = message;
  }

  public IncidentType getType() {
    return type;
  }

  public void setType(IncidentType type) {
    this.type = type;
  }

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public String getSlot() {
    return slot;
  }

  public void setSlot(String slot) {
    this.slot = slot;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Incident other
        && type == other.type
        && Objects.equals(time, other.time)
        && Objects.equals(slot, other.slot)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, time, slot, message);
  }

  @Override
  public String toString() {
    return type + "@" + time + ": " + message;
  }
}
