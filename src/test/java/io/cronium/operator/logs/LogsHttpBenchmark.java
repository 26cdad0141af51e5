package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LogLine;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LatencySummary;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.cronium.operator.testing.TestUsers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
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
 * {@code make bench-logs}: 50 clients at once call the non-follow log endpoint of a finished
 * run, once while its Pod serves the log and once after the Pod is gone (the stored tail), and
 * the latencies they see go to target/bench/logs.txt. The target: p99 under 50 ms.
 */
@Tag("bench")
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class LogsHttpBenchmark {

  private static final int CLIENTS = Integer.getInteger("bench.clients", 50);
  private static final int REQUESTS_PER_CLIENT = Integer.getInteger("bench.requests", 40);
  /** Requests per client before measuring, so that the JIT has compiled the request path. */
  private static final int WARM_UP_PER_CLIENT = 20;
  private static final Path REPORT = Path.of("target/bench/logs.txt");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @InjectLocalCluster LocalCluster cluster;

  @TestHTTPResource("/")
  URL base;

  @Test
  void fiftyConcurrentClientsReadAFinishedRunsLog() throws Exception {
    KubernetesClient client = cluster.client();
    String ns = "bench-logs";
    cluster.createNamespace(ns);
    LogRoutesTest.startRun(client, ns, "bench");
    Instant start = Instant.parse("2026-11-28T10:00:00Z");
    ScriptedPodLogs.INSTANCE.serve(ns, "bench-1", IntStream.range(0, 200)
        .mapToObj(i -> new LogLine(start.plusMillis(i * 10L), "line " + i + " of the benchmark's log")).toList());
    LogRoutesTest.setPodStatus(client, ns, "bench-1", TestRuns.terminated(0, "{\"exitCode\":0}"));
    await().atMost(WAIT).until(() ->
        client.resources(JobRun.class).inNamespace(ns).withName("bench-1").get().phase().isTerminal());

    List<String> report = new ArrayList<>();
    report.add(CLIENTS + " concurrent clients x " + REQUESTS_PER_CLIENT
        + " non-follow GET .../jobruns/bench-1/logs each (200 log lines), after " + WARM_UP_PER_CLIENT + " warm-up requests each");
    measure(ns); // a warm JVM, as a long-running operator's
    report.add("Pod present (pods/log):    " + LatencySummary.of(measure(ns)));
    client.pods().inNamespace(ns).withName("bench-1").delete();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName("bench-1").get() == null);
    report.add("Pod gone (stored logTail): " + LatencySummary.of(measure(ns)));
    Files.createDirectories(REPORT.getParent());
    Files.write(REPORT, report);
    report.forEach(System.out::println);
  }

  /** Latencies in microseconds, sorted. */
  private List<Long> measure(String ns) throws Exception {
    URI uri = URI.create(base.toString().replaceAll("/$", "") + "/api/v1/namespaces/" + ns + "/jobruns/bench-1/logs");
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + TestUsers.reader(cluster)).build();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    // One client with a connection per thread, as 50 browsers each hold their own connection.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try {
      List<Callable<List<Long>>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(() -> {
          for (int i = 0; i < WARM_UP_PER_CLIENT; i++) {
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
          }
          List<Long> latencies = new ArrayList<>();
          for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
            long begin = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            latencies.add((System.nanoTime() - begin) / 1000);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("line 199 of the benchmark's log");
          }
          return latencies;
        });
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> result : pool.invokeAll(clients)) {
        all.addAll(result.get());
      }
      Collections.sort(all);
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}
