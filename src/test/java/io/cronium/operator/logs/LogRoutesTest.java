package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LogLine;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.RequestTally;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.observability.LogStreamMetrics;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.OperatorIdentity;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.cronium.operator.testing.TestUsers;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** API tier: the operator's HTTP log endpoint, its authentication and authorization. */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class LogRoutesTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");
  private static final List<LogLine> LOG = List.of(
      line(100, 1), line(500, 2), line(1200, 3), line(1200, 4), line(1700, 5));

  @InjectLocalCluster LocalCluster cluster;
  @Inject MeterRegistry registry;

  @TestHTTPResource("/")
  URL base;

  private final HttpClient http = HttpClient.newHttpClient();

  private static LogLine line(long millis, int number) {
    return new LogLine(START.plusMillis(millis), "line " + number);
  }

  private HttpRequest.Builder request(String ns, String run, String query) {
    return HttpRequest.newBuilder(URI.create(
        base.toString().replaceAll("/$", "") + "/api/v1/namespaces/" + ns + "/jobruns/" + run + "/logs" + query));
  }

  private HttpResponse<String> get(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder as(String token, HttpRequest.Builder request) {
    return request.header("Authorization", "Bearer " + token);
  }

  @Test
  void withoutAValidBearerTokenTheAnswerIs401() throws Exception {
    HttpResponse<String> none = get(request("logs-http", "any", ""));
    HttpResponse<String> forged = get(as("forged", request("logs-http", "any", "")));

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  void aUserNotAllowedToGetTheJobRunGets403() throws Exception {
    HttpResponse<String> response = get(as(TestUsers.outsider(cluster), request("logs-http", "any", "")));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("jobruns.cronium.io");
  }

  @Test
  void theClustersAnswersAreReusedForRepeatedRequests() throws Exception {
    KubernetesClient client = cluster.client();
    String ns = "logs-cached";
    cluster.createNamespace(ns);
    startRun(client, ns, "cached");
    String reader = reader();
    RequestTally operatorRequests = cluster.requests(OperatorIdentity.USER::equals);

    for (int i = 0; i < 5; i++) {
      assertThat(get(as(reader, request(ns, "cached-1", ""))).statusCode()).isEqualTo(200);
    }

    await().atMost(WAIT).untilAsserted(() -> assertThat(operatorRequests.snapshot())
        .containsEntry("POST tokenreviews", 1L).containsEntry("POST subjectaccessreviews", 1L));
  }

  @Test
  void aFloodOfMadeUpTokensDoesNotPushOutTheAnswersForAReaderWhoKeepsReading() {
    // A LogAccess with a small bound, acting as a user of its own so that only its reviews count.
    String user = "log-access-flood";
    int maxEntries = 100;
    ControlPlane controlPlane = cluster.controlPlane();
    LogAccess access = new LogAccess(controlPlane.newClient(controlPlane.userConfig(user, List.of(ControlPlane.MASTERS))),
        Duration.ofMinutes(10), maxEntries, Clock.systemUTC());
    String reader = "Bearer " + reader();
    RequestTally reviews = cluster.requests(user::equals);
    int flood = 3 * maxEntries;

    for (int i = 0; i < flood; i++) {
      assertThat(access.check("Bearer made-up-" + i, "logs-flood", "run")).isEqualTo(LogAccess.Verdict.UNAUTHENTICATED);
      if (i % 10 == 0) {
        assertThat(access.check(reader, "logs-flood", "run")).isEqualTo(LogAccess.Verdict.ALLOWED);
      }
    }

    // The reader's token and question were each reviewed once, every made-up token once.
    await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> assertThat(reviews.snapshot())
        .containsEntry("POST tokenreviews", flood + 1L).containsEntry("POST subjectaccessreviews", 1L));
  }

  private String reader() {
    return TestUsers.reader(cluster);
  }

  @Test
  void anUnknownRunIs404() throws Exception {
    assertThat(get(as(reader(), request("logs-http", "nobody", ""))).statusCode())
        .isEqualTo(404);
  }

  @Test
  void pollingWithTheCursorReturnsOnlyNewLines() throws Exception {
    String ns = "logs-poll";
    AtomicInteger shown = runShowingFirstLines(ns, "poll", 3);

    JsonNode first = json(get(as(reader(), request(ns, "poll-1", ""))));
    shown.set(5);
    JsonNode second = json(get(as(reader(),
        request(ns, "poll-1", "?cursor=" + first.get("cursor").asText()))));

    assertThat(first.get("lines")).extracting(l -> l.get("text").asText()).containsExactly("line 1", "line 2", "line 3");
    assertThat(first.get("lines").get(0).get("time").asText()).isEqualTo("2026-11-28T10:00:00.100Z");
    assertThat(first.get("finished").asBoolean()).isFalse();
    assertThat(second.get("lines")).extracting(l -> l.get("text").asText()).containsExactly("line 4", "line 5");
    assertThat(second.get("cursor").asText()).isEqualTo("2026-11-28T10:00:01.700Z/1");
  }

  @Test
  void aLongLogIsAnsweredInCappedPartsThatTheCursorJoins() throws Exception {
    KubernetesClient client = cluster.client();
    String ns = "logs-capped";
    cluster.createNamespace(ns);
    startRun(client, ns, "capped");
    List<LogLine> log = new java.util.ArrayList<>();
    for (int i = 0; i < 8000; i++) {
      log.add(new LogLine(START.plusMillis(i), "line " + i + " " + "x".repeat(100)));
    }
    ScriptedPodLogs.INSTANCE.serve(ns, "capped-1", log);

    List<String> seen = new java.util.ArrayList<>();
    String cursor = "";
    int answers = 0;
    boolean more = true;
    while (more) {
      JsonNode answer = json(get(as(reader(), request(ns, "capped-1", cursor.isEmpty() ? "" : "?cursor=" + cursor))));
      answers++;
      int chars = 0;
      for (JsonNode line : answer.get("lines")) {
        seen.add(line.get("text").asText());
        chars += line.get("text").asText().length();
      }
      assertThat(chars).as("answer %d", answers).isLessThan(LogRoutes.MAX_ANSWER_CHARS + 200);
      more = answer.get("more").asBoolean();
      cursor = answer.get("cursor").asText();
      assertThat(answers).as("answers needed for %d lines", log.size()).isLessThan(20);
    }

    assertThat(answers).isGreaterThanOrEqualTo(4);
    assertThat(seen).containsExactlyElementsOf(log.stream().map(LogLine::text).toList());
  }

  @Test
  void aRunningRunsAnswerIsReadAgainNotReused() throws Exception {
    String ns = "logs-live";
    AtomicInteger shown = runShowingFirstLines(ns, "live", 3);

    JsonNode first = json(get(as(reader(), request(ns, "live-1", ""))));
    shown.set(4);
    // The same request again, well within the reuse time of a finished run's answer.
    JsonNode again = json(get(as(reader(), request(ns, "live-1", ""))));

    assertThat(first.get("lines")).hasSize(3);
    assertThat(again.get("lines")).extracting(l -> l.get("text").asText())
        .containsExactly("line 1", "line 2", "line 3", "line 4");
  }

  @Test
  void aStreamWaitsForAClientThatReadsSlowlyInsteadOfQueueingTheLog() throws Exception {
    KubernetesClient client = cluster.client();
    String ns = "logs-slow";
    cluster.createNamespace(ns);
    startRun(client, ns, "slow");
    List<LogLine> log = new java.util.ArrayList<>();
    String filler = "y".repeat(200);
    for (int i = 0; i < 60_000; i++) {
      log.add(new LogLine(START.plusMillis(i), i + " " + filler));
    }
    ScriptedPodLogs.INSTANCE.serve(ns, "slow-1", log);
    double pausesBefore = pauses();

    try (java.net.Socket socket = new java.net.Socket()) {
      // A small window: the client takes little at a time and, for now, nothing.
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
      socket.getOutputStream().write(("GET /api/v1/namespaces/" + ns + "/jobruns/slow-1/logs?follow=true HTTP/1.1\r\n"
          + "Host: " + base.getHost() + "\r\nConnection: close\r\nAuthorization: Bearer " + reader() + "\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      await().atMost(WAIT).until(() -> pauses() > pausesBefore);

      // Once the client reads, the whole log arrives and the stream ends with the run.
      setPodStatus(client, ns, "slow-1", TestRuns.terminated(0, "{\"exitCode\":0}"));
      String body = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(body).contains("data: 59999 " + filler).contains("event: end");
    }
  }

  private double pauses() {
    var counter = registry.find(LogStreamMetrics.PAUSES).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void followStreamsServerSentEventsFromLastEventIdUntilTheRunEnds() throws Exception {
    KubernetesClient client = cluster.client();
    String ns = "logs-sse";
    cluster.createNamespace(ns);
    startRun(client, ns, "sse");
    List<LogLine> log = new java.util.ArrayList<>(LOG);
    log.add(new LogLine(START.plusMillis(1800), "progress 50%\r100%"));
    ScriptedPodLogs.INSTANCE.serve(ns, "sse-1", log);

    CompletableFuture<HttpResponse<String>> stream = http.sendAsync(
        as(reader(), request(ns, "sse-1", "?follow=true"))
            .header("Last-Event-ID", "2026-11-28T10:00:01.200Z/1").build(),
        HttpResponse.BodyHandlers.ofString());
    // The stream stays open while the run runs.
    await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> !stream.isDone());
    setPodStatus(client, ns, "sse-1", TestRuns.terminated(3, "{\"exitCode\":3}"));

    HttpResponse<String> response = stream.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
    assertThat(response.body()).isEqualTo("retry: 2000\n\n"
        + "id: 2026-11-28T10:00:01.200Z/2\ndata: line 4\n\n"
        + "id: 2026-11-28T10:00:01.700Z/1\ndata: line 5\n\n"
        + "id: 2026-11-28T10:00:01.800Z/1\ndata: progress 50%100%\n\n"
        + "event: end\ndata: {\"phase\":\"Failed\",\"finished\":true,\"exitCode\":3}\n\n");
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Serialization.unmarshal(response.body(), JsonNode.class);
  }

  /** A running run in a namespace of its own whose log shows the first {@code shown} lines of LOG. */
  private AtomicInteger runShowingFirstLines(String ns, String eventName, int shown) {
    cluster.createNamespace(ns);
    startRun(cluster.client(), ns, eventName);
    AtomicInteger lines = new AtomicInteger(shown);
    ScriptedPodLogs.INSTANCE.serve(ns, eventName + "-1", (pod, container) -> LOG.subList(0, lines.get()));
    return lines;
  }

  static void startRun(KubernetesClient client, String ns, String eventName) {
    Event event = TestRuns.bashEvent(eventName, "echo hi");
    event.getMetadata().setNamespace(ns);
    event.getSpec().setTimeoutSeconds(600);
    client.resource(event).create();
    client.resource(TestRuns.newRun(ns, eventName + "-1", eventName)).create();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName(eventName + "-1").get() != null);
    setPodStatus(client, ns, eventName + "-1", TestRuns.running(Instant.now().toString()));
    await().atMost(WAIT).until(() -> client.resources(JobRun.class).inNamespace(ns).withName(eventName + "-1").get()
        .phase() == JobRunPhase.Running);
  }

  static void setPodStatus(KubernetesClient client, String ns, String name, PodStatus status) {
    TestRuns.writePodStatus(client, ns, name, status);
  }
}
