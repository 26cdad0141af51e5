package io.cronium.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.ConcurrencyPolicy;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.IncidentType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.api.v1alpha1.ScheduleSpec;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ShiftableClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * API tier: after a few runs (two succeed, one fails, one still pending) the Prometheus endpoint
 * carries java-operator-sdk's reconcile metrics and ours with the expected labels and values,
 * Kubernetes Events tell each run's story, and the probes answer.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorObservabilityTest {

  private static final String NAMESPACE = "observed";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @InjectLocalCluster LocalCluster cluster;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  @TestHTTPResource("/q/health/ready")
  URL ready;

  @TestHTTPResource("/q/health/live")
  URL live;

  private KubernetesClient client;

  @BeforeAll
  void runAFew() {
    client = cluster.client();
    cluster.createNamespace(NAMESPACE);
    Event event = TestRuns.bashEvent("metered", "echo hi");
    event.getMetadata().setNamespace(NAMESPACE);
    client.resource(event).create();
    for (String run : List.of("metered-1", "metered-2", "metered-3", "metered-4")) {
      client.resource(TestRuns.newRun(NAMESPACE, run, "metered")).create();
      awaitPod(run);
    }
    // terminated() reports a start at 10:00:01 and an end at 10:00:03: two seconds each.
    finish("metered-1", TestRuns.terminated(0, "{\"exitCode\":0}"), JobRunPhase.Succeeded);
    finish("metered-2", TestRuns.terminated(0, "{\"exitCode\":0}"), JobRunPhase.Succeeded);
    finish("metered-3", TestRuns.terminated(3, "{\"exitCode\":3}"), JobRunPhase.Failed);
    await().atMost(WAIT).until(() -> run("metered-4").getStatus() != null);
  }

  @Test
  void aDeletedEventsRunMetricsGoWithIt() throws Exception {
    Event event = TestRuns.bashEvent("short-lived", "echo hi");
    event.getMetadata().setNamespace(NAMESPACE);
    client.resource(event).create();
    client.resource(TestRuns.newRun(NAMESPACE, "short-lived-1", "short-lived")).create();
    awaitPod("short-lived-1");
    finish("short-lived-1", TestRuns.terminated(0, "{\"exitCode\":0}"), JobRunPhase.Succeeded);
    Map<String, String> itsRuns = Map.of("namespace", NAMESPACE, "event", "short-lived", "outcome", "Succeeded");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(PrometheusSamples.parse(get(metrics).body()).value("cronium_runs_total", itsRuns)).contains(1.0));

    client.resource(event).delete();

    await().atMost(WAIT).untilAsserted(() -> {
      PrometheusSamples scrape = PrometheusSamples.parse(get(metrics).body());
      assertThat(scrape.value("cronium_runs_total", itsRuns)).isEmpty();
      assertThat(scrape.value("cronium_run_duration_seconds_count", itsRuns)).isEmpty();
    });
  }

  @Test
  void metricsCountRunsByEventNamespaceAndOutcomeWithDurationsAndActiveRuns() throws Exception {
    Map<String, String> succeeded = Map.of("namespace", NAMESPACE, "event", "metered", "outcome", "Succeeded");
    Map<String, String> failed = Map.of("namespace", NAMESPACE, "event", "metered", "outcome", "Failed");

    await().atMost(WAIT).untilAsserted(() -> {
      PrometheusSamples scrape = PrometheusSamples.parse(get(metrics).body());
      assertThat(scrape.value("cronium_runs_total", succeeded)).contains(2.0);
      assertThat(scrape.value("cronium_runs_total", failed)).contains(1.0);
      assertThat(scrape.value("cronium_run_duration_seconds_count", succeeded)).contains(2.0);
      assertThat(scrape.value("cronium_run_duration_seconds_sum", succeeded)).contains(4.0);
      assertThat(scrape.value("cronium_run_duration_seconds_count", failed)).contains(1.0);
      assertThat(scrape.value("cronium_run_duration_seconds_bucket", with(succeeded, "le", "1.0"))).contains(0.0);
      assertThat(scrape.value("cronium_run_duration_seconds_bucket", with(succeeded, "le", "2.0"))).contains(2.0);
      assertThat(scrape.value("cronium_runs_active", Map.of("namespace", NAMESPACE))).contains(1.0);
    });

    // java-operator-sdk's own reconcile metrics share the endpoint.
    PrometheusSamples scrape = PrometheusSamples.parse(get(metrics).body());
    Map<String, String> jobRunController = Map.of("controller_name", "jobrunreconciler");
    assertThat(scrape.value("reconciliations_execution_duration_seconds_count", jobRunController))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(4.0));
  }

  @Test
  @Order(1)
  void scheduleSkewAndIncidentsByTypeAreMeasuredAndIncidentsBecomeKubernetesEvents() throws Exception {
    String namespace = "observed-schedule";
    cluster.createNamespace(namespace);
    Event event = TestRuns.bashEvent("ticking", "sleep 600");
    event.getMetadata().setNamespace(namespace);
    ScheduleSpec schedule = new ScheduleSpec();
    schedule.setCron("* * * * *");
    schedule.setConcurrencyPolicy(ConcurrencyPolicy.Forbid);
    event.getSpec().setSchedule(schedule);
    Event created = client.resource(event).create();
    Instant first = Instant.parse(await().atMost(WAIT).until(
        () -> client.resources(Event.class).inNamespace(namespace).withName("ticking").get(),
        e -> e.getStatus() != null && e.getStatus().getNextScheduleTime() != null)
        .getStatus().getNextScheduleTime());

    // The first slot's run stays active, so the next slot meets it under Forbid: SkippedOverlap.
    advanceTo(first.plusSeconds(1));
    touch(namespace, "ticking");
    String firstRun = JobRuns.scheduled(created, first).getMetadata().getName();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(namespace).withName(firstRun).get() != null);
    advanceTo(first.plusSeconds(61));
    touch(namespace, "ticking");

    await().atMost(WAIT).untilAsserted(() -> {
      PrometheusSamples scrape = PrometheusSamples.parse(get(metrics).body());
      assertThat(scrape.value("cronium_schedule_skew_seconds_count", Map.of()))
          .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1.0));
      assertThat(scrape.value("cronium_event_incidents_total", Map.of("type", "SkippedOverlap")))
          .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1.0));
      List<io.fabric8.kubernetes.api.model.events.v1.Event> onEvent =
          client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class).inNamespace(namespace)
              .list().getItems().stream().filter(e -> e.getRegarding().getKind().equals("Event")).toList();
      assertThat(onEvent).anySatisfy(e -> {
        assertThat(e.getReason()).isEqualTo(IncidentType.SkippedOverlap.name());
        assertThat(e.getType()).isEqualTo("Normal");
        assertThat(e.getNote()).startsWith("Slot " + first.plusSeconds(60)).contains("Forbid");
      });
    });
  }

  private static void advanceTo(Instant instant) {
    ShiftableClock.INSTANCE.advance(Duration.between(ShiftableClock.INSTANCE.instant(), instant));
  }

  private void touch(String namespace, String name) {
    TestRuns.touch(client, Event.class, namespace, name);
  }

  /** Last: the scheduler's incident counter exists once an incident happened (test above). */
  @Test
  @Order(Integer.MAX_VALUE)
  void everyMetricTheGrafanaDashboardQueriesIsExported() throws Exception {
    String dashboard = java.nio.file.Files.readString(
        java.nio.file.Path.of("helm/cronium-operator/dashboards/cronium-operator.json"));
    java.util.Set<String> queried = java.util.regex.Pattern
        .compile("\\b(cronium_[a-z_]+|reconciliations_[a-z_]+|custom_resources)\\b")
        .matcher(dashboard).results().map(m -> m.group(1)).collect(java.util.stream.Collectors.toSet());
    assertThat(queried).contains("cronium_runs_total", "cronium_runs_active", "cronium_run_duration_seconds_bucket",
        "cronium_schedule_skew_seconds_bucket", "cronium_event_incidents_total");

    await().atMost(WAIT).untilAsserted(() -> {
      java.util.Set<String> exported = PrometheusSamples.parse(get(metrics).body()).samples().stream()
          .map(PrometheusSamples.Sample::name).collect(java.util.stream.Collectors.toSet());
      assertThat(exported).containsAll(queried);
    });
  }

  @Test
  void kubernetesEventsTellEachRunsStoryOnce() {
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(reasons("JobRun", "metered-1"))
          .containsExactlyInAnyOrder("PodCreated", "Started", JobRunReasons.COMPLETED);
      assertThat(reasons("JobRun", "metered-3"))
          .containsExactlyInAnyOrder("PodCreated", "Started", JobRunReasons.SCRIPT_FAILED);
      assertThat(reasons("JobRun", "metered-4")).containsExactly("PodCreated");
      assertThat(reasons("Event", "metered"))
          .contains(KubernetesEventReasons.RUN_SUCCEEDED, KubernetesEventReasons.RUN_FAILED);
    });
    io.fabric8.kubernetes.api.model.events.v1.Event failure = events("JobRun", "metered-3").stream()
        .filter(e -> e.getReason().equals(JobRunReasons.SCRIPT_FAILED)).findFirst().orElseThrow();
    assertThat(failure.getType()).isEqualTo("Warning");
    assertThat(failure.getNote()).startsWith("Failed (exit code 3)");
    assertThat(failure.getReportingController()).isEqualTo(KubernetesEventRecorder.REPORTING_CONTROLLER);
  }

  @Test
  void probesReportTheOperatorReadyAsLeaderAndLive() throws Exception {
    HttpResponse<String> readiness = get(ready);
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains(OperatorHealthChecks.READINESS).contains("\"leader\": true");
    assertThat(get(live).statusCode()).isEqualTo(200);
  }

  private static Map<String, String> with(Map<String, String> labels, String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(labels);
    more.put(name, value);
    return more;
  }

  private List<io.fabric8.kubernetes.api.model.events.v1.Event> events(String kind, String name) {
    return client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class)
        .inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> e.getRegarding().getKind().equals(kind) && e.getRegarding().getName().equals(name))
        .toList();
  }

  private List<String> reasons(String kind, String name) {
    return events(kind, name).stream().map(io.fabric8.kubernetes.api.model.events.v1.Event::getReason).toList();
  }

  private JobRun run(String name) {
    return client.resources(JobRun.class).inNamespace(NAMESPACE).withName(name).get();
  }

  private void awaitPod(String name) {
    await().atMost(WAIT).until(() -> client.pods().inNamespace(NAMESPACE).withName(name).get() != null);
  }

  /** The Pod goes straight to terminated, as a quick script does: no deadline can interfere. */
  private void finish(String name, PodStatus terminated, JobRunPhase phase) {
    setPodStatus(name, terminated);
    await().atMost(WAIT).until(() -> run(name).phase() == phase);
  }

  private void setPodStatus(String name, PodStatus status) {
    TestRuns.writePodStatus(client, NAMESPACE, name, status);
  }

  private static HttpResponse<String> get(URL url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
