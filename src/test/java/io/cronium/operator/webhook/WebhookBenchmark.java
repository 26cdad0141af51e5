package io.cronium.operator.webhook;

import static io.cronium.operator.webhook.WebhookSender.SECRET_NAME;
import static io.cronium.operator.webhook.WebhookSender.createEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LatencySummary;
import io.cronium.operator.testing.LocalClusterResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-webhook}: 50 senders at once POST signed deliveries, each to an Event of its
 * own, and the time from sending a POST to its 202 (which the endpoint answers once the API server
 * has stored the JobRun) goes to target/bench/webhook.txt. The goal: p99 at most 200 ms.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(GenerousWebhookAllowance.class)
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class WebhookBenchmark {

  private static final int SENDERS = Integer.getInteger("bench.senders", 50);
  private static final int DELIVERIES_PER_SENDER = Integer.getInteger("bench.requests", 20);
  /** Deliveries per sender before measuring, so that the JIT has compiled the request path. */
  private static final int WARM_UP_PER_SENDER = 5;
  private static final double GOAL_P99_MS = 200;
  private static final Path REPORT = Path.of("target/bench/webhook.txt");
  private static final String NAMESPACE = "bench-webhook";

  @InjectLocalCluster LocalCluster cluster;

  @TestHTTPResource("/")
  URL base;

  @Test
  void fiftyConcurrentSendersPostSignedDeliveries() throws Exception {
    KubernetesClient client = cluster.client();
    cluster.createNamespace(NAMESPACE);
    WebhookSender.createSecret(client, NAMESPACE);
    for (int s = 0; s < SENDERS; s++) {
      createEvent(client, NAMESPACE, "hook-" + s, SECRET_NAME);
    }
    WebhookSender sender = new WebhookSender(base);

    List<Long> sortedMicros = measure(sender);

    assertThat(client.resources(JobRun.class).inNamespace(NAMESPACE).list().getItems())
        .hasSize(SENDERS * (WARM_UP_PER_SENDER + DELIVERIES_PER_SENDER));
    double p99 = LatencySummary.percentile(sortedMicros, 99);
    List<String> report = List.of(
        SENDERS + " concurrent senders x " + DELIVERIES_PER_SENDER + " signed POST /hooks/" + NAMESPACE
            + "/hook-<sender> each (one Event per sender), after " + WARM_UP_PER_SENDER + " warm-up deliveries each;"
            + " latency = POST sent to 202 answered, which follows the JobRun's creation on the API server",
        "POST -> JobRun created: " + LatencySummary.of(sortedMicros),
        String.format("goal p99 <= %.0f ms: %s", GOAL_P99_MS, p99 <= GOAL_P99_MS ? "met" : "NOT met"));
    Files.createDirectories(REPORT.getParent());
    Files.write(REPORT, report);
    report.forEach(System.out::println);
  }

  /** Latencies in microseconds, sorted. */
  private static List<Long> measure(WebhookSender sender) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Callable<List<Long>>> senders = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        String event = "hook-" + s;
        senders.add(() -> {
          for (int i = 0; i < WARM_UP_PER_SENDER; i++) {
            assertThat(sender.send(sender.signed(NAMESPACE, event, "{\"warmUp\":" + i + "}")).statusCode())
                .isEqualTo(202);
          }
          List<Long> latencies = new ArrayList<>();
          for (int i = 0; i < DELIVERIES_PER_SENDER; i++) {
            String body = "{\"delivery\":" + i + ",\"ref\":\"refs/heads/main\"}";
            long begin = System.nanoTime();
            HttpResponse<String> response = sender.send(sender.signed(NAMESPACE, event, body));
            latencies.add((System.nanoTime() - begin) / 1000);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
          }
          return latencies;
        });
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> result : pool.invokeAll(senders)) {
        all.addAll(result.get());
      }
      Collections.sort(all);
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}
