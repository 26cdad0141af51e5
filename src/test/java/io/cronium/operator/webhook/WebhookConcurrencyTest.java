package io.cronium.operator.webhook;

import static io.cronium.operator.webhook.WebhookSender.SECRET_NAME;
import static io.cronium.operator.webhook.WebhookSender.createEvent;
import static io.cronium.operator.webhook.WebhookSender.runsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** API tier: deliveries that arrive together each get exactly one run. */
@QuarkusTest
@TestProfile(GenerousWebhookAllowance.class)
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class WebhookConcurrencyTest {

  private static final int DELIVERIES = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  @InjectLocalCluster LocalCluster cluster;

  @TestHTTPResource("/")
  URL base;

  @Test
  void aHundredConcurrentSignedPostsMakeAHundredRunsNoneLostNoneDoubled() throws Exception {
    KubernetesClient client = cluster.client();
    String namespace = "hooks-concurrent";
    cluster.createNamespace(namespace);
    WebhookSender.createSecret(client, namespace);
    createEvent(client, namespace, "burst", SECRET_NAME);
    WebhookSender sender = new WebhookSender(base);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService senders = Executors.newFixedThreadPool(DELIVERIES);
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    try {
      for (int i = 0; i < DELIVERIES; i++) {
        String body = "{\"delivery\":" + i + "}";
        Callable<HttpResponse<String>> delivery = () -> {
          start.await();
          return sender.send(sender.signed(namespace, "burst", body));
        };
        responses.add(senders.submit(delivery));
      }
      start.countDown();
      List<String> answered = new ArrayList<>();
      for (Future<HttpResponse<String>> response : responses) {
        assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
        answered.add(JSON.readTree(response.get().body()).path("jobRun").asText());
      }

      List<JobRun> runs = runsOf(client, namespace, "burst");
      assertThat(runs).extracting(run -> run.getMetadata().getName())
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(answered);
      assertThat(runs).extracting(run -> run.getSpec().getInput().path("delivery").asInt())
          .containsExactlyInAnyOrderElementsOf(IntStream.range(0, DELIVERIES).boxed().toList());
    } finally {
      senders.shutdownNow();
    }
  }
}
