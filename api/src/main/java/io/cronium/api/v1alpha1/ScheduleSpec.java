package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** When an Event runs by itself. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.cron) != has(self.interval)",
    message = "set exactly one of cron and interval")
@ValidationRule(
    value = "!has(self.interval) || !has(self.timeZone)",
    message = "timeZone applies to cron only: an interval is real elapsed time")
public class ScheduleSpec {

  @JsonPropertyDescription(
      "5 cron fields (minute hour day-of-month month day-of-week) as Kubernetes CronJob reads"
          + " them, or a macro: @yearly @annually @monthly @weekly @daily @midnight @hourly"
          + " @every <duration>. Check one with: kubectl cronium schedule --cron '...'")
  private String cron;

  @Pattern("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")
  @JsonPropertyDescription(
      "Run every this much real elapsed time, as a Go duration (90s, 5m, 1h30m); at least 10s."
          + " Counted from startTime, else from the Event's creation.")
  private String interval;

  @JsonPropertyDescription("IANA time zone the cron fields are read in (default UTC), e.g. Europe/Berlin.")
  private String timeZone;

  @Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")
  @JsonPropertyDescription("No run is due before this instant (RFC 3339).")
  private String startTime;

  @Min(0)
  @JsonPropertyDescription(
      "Seconds after its slot a run may still start; older missed slots are dropped"
          + " (recorded as Missed incidents). Unset: no limit.")
  private Long startingDeadlineSeconds;

  @Default("RunOnce")
  @JsonPropertyDescription(
      "Slots missed while the operator was down or the Event suspended: Skip (run none),"
          + " RunOnce (run the most recent, as CronJob) or RunAll (run each, at most 25).")
  private MissedRunPolicy missedRunPolicy = MissedRunPolicy.RunOnce;

  @Default("Allow")
  @JsonPropertyDescription(
      "When a run is due while another is active: Allow, Forbid (skip it), Replace (stop the"
          + " active one) or Queue (start it when the active one ends; at most one waits).")
  private ConcurrencyPolicy concurrencyPolicy = ConcurrencyPolicy.Allow;

  public String getCron() {
    return cron;
  }

  public void setCron(String cron) {
    this.cron = cron;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public Long getStartingDeadlineSeconds() {
    return startingDeadlineSeconds;
  }

  public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) {
    this.startingDeadlineSeconds = startingDeadlineSeconds;
  }

  public MissedRunPolicy getMissedRunPolicy() {
    return missedRunPolicy;
  }

  public void setMissedRunPolicy(MissedRunPolicy missedRunPolicy) {
    this.missedRunPolicy = missedRunPolicy;
  }

  public ConcurrencyPolicy getConcurrencyPolicy() {
    return concurrencyPolicy;
  }

  public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
    this.concurrencyPolicy = concurrencyPolicy;
  }
}
