package io.cronium.operator.webhook;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.WebhookSecretRef;
import io.cronium.api.v1alpha1.WebhookSpec;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;

/**
 * Sends deliveries to the operator's webhook endpoint as a sender would, signing bodies here
 * (independently of the code under test), and sets up the Events and Secrets they go to.
 */
final class WebhookSender {

  static final String SECRET_NAME = "hook-secret";
  static final String SECRET = "s3cret-shared-with-the-sender";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  WebhookSender(URL base) {
    this.base = base.toString().replaceAll("/$", "");
  }

  HttpRequest.Builder post(String namespace, String event, String body) {
    return HttpRequest.newBuilder(URI.create(base + "/hooks/" + namespace + "/" + event))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpRequest.Builder signed(String namespace, String event, String body) {
    return post(namespace, event, body).header("X-Cronium-Signature", signature(SECRET, body));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String signature(String key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void createSecret(KubernetesClient client, String namespace) {
    client.resource(new SecretBuilder()
            .withNewMetadata().withName(SECRET_NAME).withNamespace(namespace).endMetadata()
            .withStringData(Map.of(WebhookSecretRef.DEFAULT_KEY, SECRET))
            .build())
        .create();
  }

  /**
   * Creates an Event (with spec.webhook unless {@code secretName} is null) and waits until the
   * operator has reconciled it, so that its cache holds it.
   */
  static Event createEvent(KubernetesClient client, String namespace, String name, String secretName) {
    Event event = TestRuns.bashEvent(name, "cronium_input");
    event.getMetadata().setNamespace(namespace);
    if (secretName != null) {
      event.getSpec().setWebhook(new WebhookSpec(new WebhookSecretRef(secretName, null)));
    }
    client.resource(event).create();
    return Awaitility.await().atMost(WAIT).until(
        () -> client.resources(Event.class).inNamespace(namespace).withName(name).get(),
        seen -> seen.getStatus() != null && seen.getStatus().getObservedGeneration() != null);
  }

  static List<JobRun> runsOf(KubernetesClient client, String namespace, String event) {
    return client.resources(JobRun.class).inNamespace(namespace)
        .withLabel(JobRunLabels.EVENT, event).list().getItems();
  }
}
