package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EventStatus {

  @JsonPropertyDescription("Generation of the spec this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "ScheduleValid (False: the schedule cannot be read), Suspended (True: spec.suspend or"
          + " maxExecutions reached), ActionsValid (False: a runEvent target is missing or a chain"
          + " loops) and ToolsValid (False: a tool Secret is missing or malformed).")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The latest schedule slot a run was created for (RFC 3339).")
  private String lastScheduleTime;

  @JsonPropertyDescription("The next slot a run is due, if the Event is scheduling (RFC 3339).")
  private String nextScheduleTime;

  @JsonPropertyDescription(
      "Bookkeeping: the latest slot already decided (run, skipped or missed), so no slot is"
          + " handled twice (RFC 3339).")
  private String lastHandledSlot;

  @JsonPropertyDescription("Runs the scheduler has created (what maxExecutions counts).")
  private Long scheduledRuns = 0L;

  @JsonPropertyDescription(
      "The last 20 times the schedule was not followed as written, and why, oldest first.")
  private List<Incident> incidents = new ArrayList<>();

  @JsonPropertyDescription("Finished runs by outcome, counted once each, kept after runs are deleted.")
  private RunCounts runCounts = new RunCounts();

  @JsonPropertyDescription("The most recently finished run; runs in progress are listed in active.")
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

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getLastScheduleTime() {
    return lastScheduleTime;
  }

  public void setLastScheduleTime(String lastScheduleTime) {
    this.lastScheduleTime = lastScheduleTime;
  }

  public String getNextScheduleTime() {
    return nextScheduleTime;
  }

  public void setNextScheduleTime(String nextScheduleTime) {
    this.nextScheduleTime = nextScheduleTime;
  }

  public String getLastHandledSlot() {
    return lastHandledSlot;
  }

  public void setLastHandledSlot(String lastHandledSlot) {
    this.lastHandledSlot = lastHandledSlot;
  }

  public Long getScheduledRuns() {
    return scheduledRuns;
  }

  public void setScheduledRuns(Long scheduledRuns) {
    this.scheduledRuns = scheduledRuns;
  }

  public List<Incident> getIncidents() {
    return incidents;
  }

  public void setIncidents(List<Incident> incidents) {
    this.incidents = incidents;
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
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(lastScheduleTime, other.lastScheduleTime)
        && Objects.equals(nextScheduleTime, other.nextScheduleTime)
        && Objects.equals(lastHandledSlot, other.lastHandledSlot)
        && Objects.equals(scheduledRuns, other.scheduledRuns)
        && Objects.equals(incidents, other.incidents)
        && Objects.equals(runCounts, other.runCounts)
        && Objects.equals(lastRun, other.lastRun)
        && Objects.equals(lastSuccessfulTime, other.lastSuccessfulTime)
        && Objects.equals(active, other.active)
        && Objects.equals(countedRunUids, other.countedRunUids);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, lastScheduleTime, runCounts, lastRun, active);
  }
}
