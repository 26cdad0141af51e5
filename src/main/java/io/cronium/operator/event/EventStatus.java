package io.cronium.operator.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EventStatus {

  @JsonPropertyDescription("Generation of the spec this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription("Finished runs by outcome, counted once each, kept after runs are deleted.")
  private RunCounts runCounts = new RunCounts();

  @JsonPropertyDescription("The most recently started run.")
  private RunSummary lastRun;

  @JsonPropertyDescription("When the last run that ended Succeeded finished (RFC 3339).")
  private String lastSuccessfulTime;

  @JsonPropertyDescription("Names of the JobRuns of this Event that have not finished yet.")
  private List<String> active = new ArrayList<>();

  @JsonPropertyDescription(
      "Bookkeeping: UIDs of finished JobRuns already in runCounts that still exist, so each"
          + " run is counted exactly once.")
  private List<String> countedRunUids = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public RunCounts getRunCounts() {
    return runCounts;
  }

  public void setRunCounts(RunCounts runCounts) {
    this.runCounts = runCounts;
  }

  public RunSummary getLastRun() {
    return lastRun;
  }

  public void setLastRun(RunSummary lastRun) {
    this.lastRun = lastRun;
  }

  public String getLastSuccessfulTime() {
    return lastSuccessfulTime;
  }

  public void setLastSuccessfulTime(String lastSuccessfulTime) {
    this.lastSuccessfulTime = lastSuccessfulTime;
  }

  public List<String> getActive() {
    return active;
  }

  public void setActive(List<String> active) {
    this.active = active;
  }

  public List<String> getCountedRunUids() {
    return countedRunUids;
  }

  public void setCountedRunUids(List<String> countedRunUids) {
    this.countedRunUids = countedRunUids;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(runCounts, other.runCounts)
        && Objects.equals(lastRun, other.lastRun)
        && Objects.equals(lastSuccessfulTime, other.lastSuccessfulTime)
        && Objects.equals(active, other.active)
        && Objects.equals(countedRunUids, other.countedRunUids);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, runCounts, lastRun, active);
  }
}
