package io.cronium.operator.webhook;

import static io.cronium.operator.webhook.WebhookSender.SECRET;
import static io.cronium.operator.webhook.WebhookSender.SECRET_NAME;
import static io.cronium.operator.webhook.WebhookSender.createEvent;
import static io.cronium.operator.webhook.WebhookSender.runsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.api.v1alpha1.RunTrigger;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.observability.KubernetesEventReasons;
import io.cronium.operator.testing.CapturedLog;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ShiftableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API tier: {@code POST /hooks/{namespace}/{event}} against the real control plane: the run it
 * creates and each refusal, one test each.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class WebhookRoutesTest {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY = "{\"ref\":\"refs/heads/main\",\"commits\":[{\"id\":\"a1b2c3\"}]}";

  @InjectLocalCluster LocalCluster cluster;

  @TestHTTPResource("/")
  URL base;

  private WebhookSender sender;
  private KubernetesClient client;
  private String namespace;

  @BeforeEach
  void freshNamespace() {
    sender = new WebhookSender(base);
    client = cluster.client();
    namespace = "hooks-" + NAMESPACES.incrementAndGet();
    cluster.createNamespace(namespace);
    WebhookSender.createSecret(client, namespace);
  }

  private JobRun run(String name) {
    return client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
  }

  @Test
  void aSignedPostStartsARunWithTheBodyAsInputAndTriggerWebhook() throws Exception {
    Event event = createEvent(client, namespace, "deploy", SECRET_NAME);
    CapturedLog log = CapturedLog.start();
    HttpResponse<String> response;
    try {
      response = sender.send(sender.signed(namespace, "deploy", BODY));
    } finally {
      log.stop();
    }

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("namespace").asText()).isEqualTo(namespace);
    JobRun created = run(answer.path("jobRun").asText());
    assertThat(created).isNotNull();
    assertThat(created.getSpec().getTrigger()).isEqualTo(RunTrigger.Webhook);
    assertThat(created.getSpec().getEventRef().getName()).isEqualTo("deploy");
    assertThat(created.getSpec().getInput()).isEqualTo(JSON.readTree(BODY));
    assertThat(JobRuns.isOwnedBy(created, event)).isTrue();
    assertThat(log.text()).doesNotContain(SECRET).doesNotContain(WebhookSender.signature(SECRET, BODY).substring(7));
  }

  @Test
  void aBearerTokenEqualToTheSecretStartsARunToo() throws Exception {
    createEvent(client, namespace, "token", SECRET_NAME);

    HttpResponse<String> response =
        sender.send(sender.post(namespace, "token", "{}").header("Authorization", "Bearer " + SECRET));

    assertThat(response.statusCode()).isEqualTo(202);
    JobRun created = run(JSON.readTree(response.body()).path("jobRun").asText());
    assertThat(created.getSpec().getTrigger()).isEqualTo(RunTrigger.Webhook);
    assertThat(created.getSpec().getInput()).isEqualTo(JSON.readTree("{}"));
  }

  @Test
  void withoutSignatureOrTokenTheAnswerIs401() throws Exception {
    createEvent(client, namespace, "unsigned", SECRET_NAME);

    HttpResponse<String> response = sender.send(sender.post(namespace, "unsigned", BODY));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(runsOf(client, namespace, "unsigned")).isEmpty();
  }

  @Test
  void aWrongSignatureOrTokenIsAnswered403() throws Exception {
    createEvent(client, namespace, "guarded", SECRET_NAME);

    HttpResponse<String> forged = sender.send(sender.post(namespace, "guarded", BODY)
        .header("X-Cronium-Signature", WebhookSender.signature("a guess", BODY)));
    HttpResponse<String> otherBody = sender.send(sender.post(namespace, "guarded", BODY)
        .header("X-Cronium-Signature", WebhookSender.signature(SECRET, "{}")));
    HttpResponse<String> wrongToken = sender.send(sender.post(namespace, "guarded", BODY)
        .header("Authorization", "Bearer " + SECRET + "x"));

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(otherBody.statusCode()).isEqualTo(403);
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(runsOf(client, namespace, "guarded")).isEmpty();
  }

  @Test
  void anUnknownEventIsAnswered404() throws Exception {
    HttpResponse<String> response = sender.send(sender.signed(namespace, "nothing-here", BODY));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(runsOf(client, namespace, "nothing-here")).isEmpty();
  }

  @Test
  void anEventWithoutAWebhookIsAnsweredExactlyAsAnUnknownOne() throws Exception {
    createEvent(client, namespace, "internal", null);

    HttpResponse<String> webhookLess = sender.send(sender.signed(namespace, "internal", BODY));
    HttpResponse<String> unknown = sender.send(sender.signed(namespace, "unknown", BODY));

    assertThat(webhookLess.statusCode()).isEqualTo(404);
    assertThat(webhookLess.body()).isEqualTo(unknown.body());
    assertThat(webhookLess.headers().map()).isEqualTo(unknown.headers().map());
    assertThat(runsOf(client, namespace, "internal")).isEmpty();
  }

  @Test
  void aBodyOverOneMebibyteIsAnswered413() throws Exception {
    createEvent(client, namespace, "big", SECRET_NAME);
    String tooLarge = "\"" + "x".repeat(WebhookRoutes.MAX_BODY_BYTES - 1) + "\"";

    HttpResponse<String> declared = sender.send(sender.signed(namespace, "big", tooLarge));
    // Chunked: no Content-Length to refuse it by, so the limit applies while reading.
    HttpResponse<String> chunked = sender.send(sender.signed(namespace, "big", tooLarge)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge.getBytes()))));

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(runsOf(client, namespace, "big")).isEmpty();
  }

  @Test
  void aBodyOfExactlyOneMebibyteIsAccepted() throws Exception {
    createEvent(client, namespace, "largest", SECRET_NAME);
    String largest = "\"" + "x".repeat(WebhookRoutes.MAX_BODY_BYTES - 2) + "\"";

    assertThat(sender.send(sender.signed(namespace, "largest", largest)).statusCode()).isEqualTo(202);
  }

  @Test
  void aBodyThatIsNotJsonIsAnswered415() throws Exception {
    createEvent(client, namespace, "typed", SECRET_NAME);

    // JSON itself, but not declared so: GitHub's form-encoded deliveries must not pass as JSON.
    HttpResponse<String> form = sender.send(sender.signed(namespace, "typed", "{}")
        .setHeader("Content-Type", "application/x-www-form-urlencoded"));
    HttpResponse<String> undeclared = sender.send(sender.signed(namespace, "typed", "{}")
        .setHeader("Content-Type", ""));
    HttpResponse<String> unparsable = sender.send(sender.signed(namespace, "typed", "{\"ref\": "));
    HttpResponse<String> trailing = sender.send(sender.signed(namespace, "typed", "{} {}"));

    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(undeclared.statusCode()).isEqualTo(415);
    assertThat(unparsable.statusCode()).isEqualTo(415);
    assertThat(trailing.statusCode()).isEqualTo(415);
    assertThat(runsOf(client, namespace, "typed")).isEmpty();
  }

  @Test
  void aboveSixtyDeliveriesAMinuteTheAnswerIs429UntilTheAllowanceRefills() throws Exception {
    createEvent(client, namespace, "busy", SECRET_NAME);
    createEvent(client, namespace, "quiet", SECRET_NAME);
    Instant start = Instant.now();
    int accepted = 0;
    HttpResponse<String> response;
    // Redeliveries of one key: each takes from the allowance, but all share one run.
    while ((response = sender.send(sender.signed(namespace, "busy", BODY).header("Idempotency-Key", "same")))
        .statusCode() == 202 && accepted < 200) {
      accepted++;
    }
    long refilled = Duration.between(start, Instant.now()).toSeconds() + 1;

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
    assertThat(accepted).isBetween(60, 60 + (int) refilled);
    assertThat(sender.send(sender.signed(namespace, "quiet", BODY)).statusCode()).isEqualTo(202);
    try {
      ShiftableClock.INSTANCE.advance(Duration.ofSeconds(2));
      assertThat(sender.send(sender.signed(namespace, "busy", BODY)).statusCode()).isEqualTo(202);
    } finally {
      ShiftableClock.INSTANCE.reset();
    }
  }

  @Test
  void aRedeliveryWithTheSameIdempotencyKeyCreatesNoSecondRun() throws Exception {
    createEvent(client, namespace, "once", SECRET_NAME);

    HttpResponse<String> first = sender.send(sender.signed(namespace, "once", BODY).header("Idempotency-Key", "d-1"));
    HttpResponse<String> again = sender.send(sender.signed(namespace, "once", BODY).header("Idempotency-Key", "d-1"));
    HttpResponse<String> other = sender.send(sender.signed(namespace, "once", BODY).header("Idempotency-Key", "d-2"));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    String name = JSON.readTree(first.body()).path("jobRun").asText();
    assertThat(JSON.readTree(again.body()).path("jobRun").asText()).isEqualTo(name);
    assertThat(JSON.readTree(other.body()).path("jobRun").asText()).isNotEqualTo(name);
    assertThat(runsOf(client, namespace, "once")).extracting(run -> run.getMetadata().getName())
        .containsExactlyInAnyOrder(name, JSON.readTree(other.body()).path("jobRun").asText());
  }

  @Test
  void aMissingSecretIsAnswered503AndToldToTheEventsOwner() throws Exception {
    createEvent(client, namespace, "orphan", "no-such-secret");

    HttpResponse<String> response = sender.send(sender.signed(namespace, "orphan", BODY));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.body()).doesNotContain("no-such-secret");
    assertThat(runsOf(client, namespace, "orphan")).isEmpty();
    await().atMost(WAIT).untilAsserted(() -> assertThat(
            client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class).inNamespace(namespace).list().getItems())
        .anySatisfy(recorded -> {
          assertThat(recorded.getReason()).isEqualTo(KubernetesEventReasons.WEBHOOK_SECRET_UNUSABLE);
          assertThat(recorded.getRegarding().getName()).isEqualTo("orphan");
          assertThat(recorded.getNote()).contains("Secret \"no-such-secret\" does not exist");
          assertThat(Serialization.asJson(recorded)).doesNotContain(SECRET);
        }));
  }
}
