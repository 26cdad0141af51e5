package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type == 'HTTP' || (has(self.script) && size(self.script) > 0)",
    message = "script is required for type Bash, Python and NodeJS")
@ValidationRule(
    value = "self.type != 'HTTP' || has(self.http)",
    message = "http is required for type HTTP")
@ValidationRule(
    value = "self.type != 'HTTP' || !has(self.script)",
    message = "script must not be set for type HTTP; put the request in http")
@ValidationRule(
    value = "self.type != 'HTTP' || !has(self.egress) || self.egress != 'None'",
    message = "egress None leaves an HTTP Event no way to send its request; remove egress or set it to Default")
@ValidationRule(
    value = "!has(self.env) || self.env.all(e, !e.name.startsWith('CRONIUM_'))",
    message = "env names starting with CRONIUM_ are reserved for the Cronium runtime")
public class EventSpec {

  @Required
  @JsonPropertyDescription("What to run: Bash, Python or NodeJS (script), or HTTP (http).")
  private EventType type;

  @JsonPropertyDescription(
      "Inline source for Bash, Python and NodeJS. Cronium helpers (cronium_output,"
          + " cronium.output(), ...) are available without import.")
  private String script;

  @JsonPropertyDescription("The request to send, for type HTTP.")
  private HttpRequest http;

  @PreserveUnknownFields
  @JsonPropertyDescription(
      "JSON input the script reads with cronium_input / cronium.input(); a JobRun's"
          + " spec.input replaces it for that run.")
  private JsonNode input;

  @JsonPropertyDescription(
      "Environment variables for the script. Use valueFrom.secretKeyRef for credentials.")
  private List<EnvVar> env = new ArrayList<>();

  @Default("3600")
  @Min(1)
  @Max(604800)
  @JsonPropertyDescription("Seconds a run may take before it is stopped and marked TimedOut.")
  private Integer timeoutSeconds = 3600;

  @JsonPropertyDescription("When the Event runs by itself; without it the Event runs only by hand.")
  private ScheduleSpec schedule;

  @Default("false")
  @JsonPropertyDescription(
      "Stop scheduling new runs (active runs go on; manual runs still work). Slots passed while"
          + " suspended follow missedRunPolicy on resume, as with CronJob.")
  private Boolean suspend = false;

  @Default("0")
  @Min(0)
  @JsonPropertyDescription(
      "Stop scheduling after this many scheduled runs (0: no limit); manual runs do not count."
          + " Raise it to resume.")
  private Long maxExecutions = 0L;

  @JsonPropertyDescription(
      "CPU and memory per run (default 500m / 512Mi), capped at the operator's sandbox maxima.")
  private RunResources resources;

  @JsonPropertyDescription("Retry policy for failed runs; without it a run has one attempt.")
  private RetrySpec retries;

  @Default("3")
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Succeeded JobRuns to keep; older ones are deleted with their Pods.")
  private Integer successfulRunsHistoryLimit = 3;

  @Default("1")
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Failed or timed-out JobRuns to keep; older ones are deleted with their Pods.")
  private Integer failedRunsHistoryLimit = 1;

  @Size(max = 20)
  @JsonPropertyDescription(
      "What to do when a run ends: run another Event with the run's output as input, or send a"
          + " message through a tool Secret. Each fires at most once per run.")
  private List<Action> actions = new ArrayList<>();

  @Size(max = 20)
  @JsonPropertyDescription(
      "Tool Secrets (labelled cronium.io/tool-type) the script may send messages through with the"
          + " send helpers (docs/helpers.md). The run's Pod gets exactly these, mounted read-only; a"
          + " tool not listed here is refused.")
  private List<@Size(max = 253) @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") String> tools = new ArrayList<>();

  @Default("Default")
  @JsonPropertyDescription(
      "Where the run's Pod may connect to: Default (the namespace's job NetworkPolicy; the chart's"
          + " denies the cloud metadata, link-local and API server addresses) or None (no egress at"
          + " all). A NetworkPolicy implementation in the cluster enforces it.")
  private EgressPolicy egress = EgressPolicy.Default;

  @Size(max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "RuntimeClass of the run's Pod, for a sandboxed runtime such as gVisor or Kata Containers;"
          + " without it the cluster's default runtime.")
  private String runtimeClassName;

  @JsonPropertyDescription(
      "Lets a signed HTTP POST to the operator's /hooks/{namespace}/{event} start a run, its JSON"
          + " body the run's input (docs/webhooks.md). Without it the endpoint answers 404.")
  private WebhookSpec webhook;

  public WebhookSpec getWebhook() {
    return webhook;
  }

  public void setWebhook(WebhookSpec webhook) {
    this.webhook = webhook;
  }

  public List<String> getTools() {
    return tools;
  }

  public void setTools(List<String> tools) {
    this.tools = tools;
  }

  public List<Action> getActions() {
    return actions;
  }

  public void setActions(List<Action> actions) {
    this.actions = actions;
  }

  public RunResources getResources() {
    return resources;
  }

  public void setResources(RunResources resources) {
    this.resources = resources;
  }

  public RetrySpec getRetries() {
    return retries;
  }

  public void setRetries(RetrySpec retries) {
    this.retries = retries;
  }

  /** Attempts allowed after a run's first; 0 without a retry policy. */
  public int retryLimit() {
    return retries == null || retries.getLimit() == null ? 0 : retries.getLimit();
  }

  public EventType getType() {
    return type;
  }

  public void setType(EventType type) {
    this.type = type;
  }

  public String getScript() {
    return script;
  }

  public void setScript(String script) {
    this.script = script;
  }

  public HttpRequest getHttp() {
    return http;
  }

  public void setHttp(HttpRequest http) {
    this.http = http;
  }

  public JsonNode getInput() {
    return input;
  }

  public void setInput(JsonNode input) {
    this.input = input;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public ScheduleSpec getSchedule() {
    return schedule;
  }

  public void setSchedule(ScheduleSpec schedule) {
    this.schedule = schedule;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public Long getMaxExecutions() {
    return maxExecutions;
  }

  public void setMaxExecutions(Long maxExecutions) {
    this.maxExecutions = maxExecutions;
  }

  public Integer getSuccessfulRunsHistoryLimit() {
    return successfulRunsHistoryLimit;
  }

  public void setSuccessfulRunsHistoryLimit(Integer successfulRunsHistoryLimit) {
    this.successfulRunsHistoryLimit = successfulRunsHistoryLimit;
  }

  public Integer getFailedRunsHistoryLimit() {
    return failedRunsHistoryLimit;
  }

  public void setFailedRunsHistoryLimit(Integer failedRunsHistoryLimit) {
    this.failedRunsHistoryLimit = failedRunsHistoryLimit;
  }

  public EgressPolicy getEgress() {
    return egress;
  }

  public void setEgress(EgressPolicy egress) {
    this.egress = egress;
  }

  public String getRuntimeClassName() {
    return runtimeClassName;
  }

  public void setRuntimeClassName(String runtimeClassName) {
    this.runtimeClassName = runtimeClassName;
  }
}
