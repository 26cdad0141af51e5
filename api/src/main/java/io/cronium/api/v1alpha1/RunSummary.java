package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The few facts of one run that an Event's status repeats. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunSummary {

  @JsonPropertyDescription("JobRun name.")
  private String name;

  @JsonPropertyDescription("JobRun phase.")
  private JobRunPhase phase;

  @JsonPropertyDescription("When the JobRun was created (RFC 3339).")
  private String createdTime;

  @JsonPropertyDescription("When the run finished (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("Script exit code; -1 timed out.")
  private Integer exitCode;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public JobRunPhase getPhase() {
    return phase;
  }

  public void setPhase(JobRunPhase phase) {
    this.phase = phase;
  }

  public String getCreatedTime() {
    return createdTime;
  }

  public void setCreatedTime(String createdTime) {
    this.createdTime = createdTime;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof RunSummary other
        && Objects.equals(name, other.name)
        && phase == other.phase
        && Objects.equals(createdTime, other.createdTime)
        && Objects.equals(completionTime, other.completionTime)
        && Objects.equals(exitCode, other.exitCode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, phase, createdTime, completionTime, exitCode);
  }
}
