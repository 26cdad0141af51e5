package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** Sends a message through a tool: a Secret labelled cronium.io/tool-type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotifyAction {

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription("Name of the tool Secret (labelled cronium.io/tool-type) in the same namespace.")
  private String tool;

  @JsonPropertyDescription(
      "Subject template (email; a heading elsewhere), e.g. \"{{event.name}} {{run.phase}}\".")
  private String subject;

  @Required
  @JsonPropertyDescription(
      "Message template over {{event.name}}, {{run.name}}, {{run.phase}}, {{run.exitCode}},"
          + " {{run.duration}}, {{run.output.x}} and {{run.logTail}}.")
  private String message;

  public NotifyAction() {}

  public NotifyAction(String tool, String subject, String message) {
    this.tool = tool;
    this.subject = subject;
    this.message = message;
  }

  public String getTool() {
    return tool;
  }

  public void setTool(String tool) {
    this.tool = tool;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NotifyAction other
        && Objects.equals(tool, other.tool)
        && Objects.equals(subject, other.subject)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tool, subject, message);
  }
}
