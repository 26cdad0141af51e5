package io.cronium.operator.logapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LogLine;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.Pki;
import io.cronium.localcluster.controlplane.Tls;
import io.cronium.operator.faults.BenchFigures;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LatencySummary;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.Pace;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-logs}: 50 clients at once read a finished run's log through the API server
 * (the log API, non-follow), once while its Pod serves the log and once after the Pod is gone
 * (the stored tail); the latencies they see go to target/bench/logs.txt. Each client is a user of
 * its own with the view role, so every request is authenticated, authorized and proxied by the API
 * server, then authorized again by the operator. The goal: p99 at most 50 ms. For scale,
 * the same clients also read the Pod itself, which the API server answers alone. Each is measured
 * back to back (every client reads again as soon as it has its answer: the machine's throughput)
 * and paced (each client reads once a second: what 50 open log pages cost).
 */
@Tag("bench")
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class LogApiBenchmark {

  private static final int CLIENTS = Integer.getInteger("bench.clients", 50);
  private static final int REQUESTS_PER_CLIENT = Integer.getInteger("bench.requests", 40);
  /** Requests per client before measuring, so that the JIT has compiled the request path. */
  private static final int WARM_UP_PER_CLIENT = 20;
  private static final Path REPORT = Path.of("target/bench/logs.txt");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NAMESPACE = "bench-logs";
  private static final String LAST_LINE = "line 199 of the benchmark's log";
  /** How often each client reads in the paced phases. */
  private static final Duration PACE = Duration.ofMillis(Long.getLong("bench.paceMillis", 1000));

  @InjectLocalCluster LocalCluster cluster;

  @Test
  void fiftyConcurrentClientsReadAFinishedRunsLogThroughTheApiServer() throws Exception {
    KubernetesClient client = cluster.client();
    cluster.createNamespace(NAMESPACE);
    finishedRunWithLog(client);
    List<HttpClient> clients = IntStream.range(0, CLIENTS).mapToObj(this::viewer).toList();
    URI uri = URI.create(cluster.controlPlane().url() + "/apis/logs.cronium.io/v1alpha1/namespaces/" + NAMESPACE
        + "/jobruns/bench-1/log");
    await().atMost(WAIT).until(() -> clients.get(0).send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

    List<String> report = new ArrayList<>();
    report.add(CLIENTS + " concurrent clients (users with the view role) x " + REQUESTS_PER_CLIENT
        + " GET /apis/logs.cronium.io/v1alpha1/.../jobruns/bench-1/log each through the API server (200 lines),"
        + " after " + WARM_UP_PER_CLIENT + " warm-up requests each");
    // The floor: a plain read the API server answers from its own cache, by the same users.
    URI podRead = URI.create(cluster.controlPlane().url() + "/api/v1/namespaces/" + NAMESPACE + "/pods/bench-1");
    report.add("back to back: each client sends its next read as soon as the last returns");
    report.add("  API server alone (GET pod): " + LatencySummary.of(measure(clients, podRead, "bench-1", null)));
    report.add("  Pod present (pods/log):     " + LatencySummary.of(measure(clients, uri, LAST_LINE, null)));
    report.add("paced: each client reads once every " + PACE.toMillis() + " ms (" + CLIENTS * 1000 / PACE.toMillis()
        + " reads/s in all), as open log pages poll");
    report.add("  API server alone (GET pod): " + LatencySummary.of(measure(clients, podRead, "bench-1", PACE)));
    report.add("  Pod present (pods/log):     " + LatencySummary.of(measure(clients, uri, LAST_LINE, PACE)));
    client.pods().inNamespace(NAMESPACE).withName("bench-1").delete();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(NAMESPACE).withName("bench-1").get() == null);
    report.add("back to back, Pod gone (stored logTail): " + LatencySummary.of(measure(clients, uri, LAST_LINE, null)));
    report.add("paced, Pod gone (stored logTail):        " + LatencySummary.of(measure(clients, uri, LAST_LINE, PACE)));
    report.add(BenchFigures.machine());
    Files.createDirectories(REPORT.getParent());
    Files.write(REPORT, report);
    report.forEach(System.out::println);
  }

  private void finishedRunWithLog(KubernetesClient client) {
    Event event = TestRuns.bashEvent("bench", "seq 200");
    event.getMetadata().setNamespace(NAMESPACE);
    event.getSpec().setTimeoutSeconds(600);
    client.resource(event).create();
    client.resource(TestRuns.newRun(NAMESPACE, "bench-1", "bench")).create();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(NAMESPACE).withName("bench-1").get() != null);
    Instant start = Instant.parse("2026-11-28T10:00:00Z");
    ScriptedPodLogs.INSTANCE.serve(NAMESPACE, "bench-1", IntStream.range(0, 200)
        .mapToObj(i -> new LogLine(start.plusMillis(i * 10L), "line " + i + " of the benchmark's log")).toList());
    TestRuns.writePodStatus(client, NAMESPACE, "bench-1", TestRuns.terminated(0, "{\"exitCode\":0}"));
    await().atMost(WAIT).until(() -> client.resources(JobRun.class).inNamespace(NAMESPACE).withName("bench-1").get()
        .phase() == JobRunPhase.Succeeded);
  }

  /** A client of a user of its own, bound to view in the namespace, with a connection of its own. */
  private HttpClient viewer(int number) {
    String user = "bench-viewer-" + number;
    cluster.client().resource(new RoleBindingBuilder().withNewMetadata().withName(user).withNamespace(NAMESPACE)
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
        .addNewSubject().withKind("User").withName(user).endSubject().build()).forceConflicts().serverSideApply();
    ControlPlane controlPlane = cluster.controlPlane();
    Pki.Issued identity = controlPlane.pki().client(user, List.of());
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(Tls.context(identity, controlPlane.pki().authority().certificate())).build();
  }

  /**
   * Latencies in microseconds, sorted.
   *
   * @param pace how often each client reads, its reads spread over the period; null: back to back
   */
  private static List<Long> measure(List<HttpClient> clients, URI uri, String expected, Duration pace)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).build();
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    try {
      List<Callable<List<Long>>> readers = new ArrayList<>();
      for (HttpClient http : clients) {
        readers.add(() -> {
          for (int i = 0; i < WARM_UP_PER_CLIENT; i++) {
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
          }
          List<Long> latencies = new ArrayList<>();
          Pace turns = Pace.of(pace);
          for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
            turns.awaitTurn();
            long begin = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            latencies.add((System.nanoTime() - begin) / 1000);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains(expected);
          }
          return latencies;
        });
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> result : pool.invokeAll(readers)) {
        all.addAll(result.get());
      }
      Collections.sort(all);
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}
