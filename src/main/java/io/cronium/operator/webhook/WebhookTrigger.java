package io.cronium.operator.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.operator.config.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns an authenticated delivery into a run: finds the Event, checks the credential against its
 * webhook's Secret, takes from the Event's rate allowance, and creates a JobRun (trigger Webhook)
 * whose input is the body. Blocking (it reads and writes the API server): callers run it off the
 * event loop.
 */
@ApplicationScoped
class WebhookTrigger {

  private static final Logger LOG = Logger.getLogger(WebhookTrigger.class);
  /** Strict: "{} trailing" is not JSON either. */
  private static final ObjectReader JSON =
      Serialization.jsonMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final KubernetesClient client;
  private final WebhookEvents events;
  private final WebhookSecrets secrets;
  private final UnusableSecretReports reports;
  private final WebhookRateLimiter limiter;

  WebhookTrigger(KubernetesClient client, WebhookEvents events, WebhookSecrets secrets,
      UnusableSecretReports reports, OperatorSettings settings, Clock clock) {
    this.client = client;
    this.events = events;
    this.secrets = secrets;
    this.reports = reports;
    this.limiter = new WebhookRateLimiter(settings.webhooks().ratePerMinute(), clock);
  }

  WebhookAnswer deliver(WebhookDelivery delivery) {
    Optional<Event> found;
    try {
      found = events.find(delivery.namespace(), delivery.eventName());
    } catch (WebhookEvents.NotReadyException e) {
      return WebhookAnswer.unavailable("the operator is not in sync with the cluster yet; retry later");
    }
    if (found.isEmpty() || found.get().getSpec() == null || found.get().getSpec().getWebhook() == null) {
      return WebhookAnswer.NOT_FOUND;
    }
    Event event = found.get();
    WebhookSecrets.Lookup secret;
    try {
      secret = secrets.read(event);
    } catch (KubernetesClientException e) {
      LOG.warnf("webhook delivery to %s/%s could not read its Secret: HTTP %d",
          delivery.namespace(), delivery.eventName(), e.getCode());
      return WebhookAnswer.unavailable("the webhook's Secret could not be read; retry later");
    }
    if (secret instanceof WebhookSecrets.Unusable unusable) {
      reports.report(event, unusable.problem());
      return WebhookAnswer.unavailable(
          "the webhook's Secret cannot check deliveries now; the Event's owner is told in a Kubernetes Event");
    }
    if (!delivery.credential().acceptedBy(((WebhookSecrets.Found) secret).value(), delivery.body())) {
      LOG.debugf("webhook delivery to %s/%s refused: wrong %s",
          delivery.namespace(), delivery.eventName(), delivery.credential());
      return WebhookAnswer.FORBIDDEN;
    }
    if (!limiter.tryAcquire(delivery.namespace() + "/" + delivery.eventName())) {
      return WebhookAnswer.tooMany(limiter.retryAfter());
    }
    JsonNode input;
    try {
      input = JSON.readTree(delivery.body());
    } catch (IOException e) {
      return WebhookAnswer.notJson("the body is not JSON");
    }
    if (input == null || input instanceof MissingNode) {
      return WebhookAnswer.notJson("the body is empty; send a JSON value, {} at least");
    }
    return create(event, input, delivery.idempotencyKey());
  }

  private WebhookAnswer create(Event event, JsonNode input, Optional<String> idempotencyKey) {
    Optional<String> name = idempotencyKey.map(key -> IdempotentRunName.of(event.getMetadata().getName(), key));
    String namespace = event.getMetadata().getNamespace();
    try {
      JobRun created = client.resource(JobRuns.webhook(event, input, name)).inNamespace(namespace).create();
      return WebhookAnswer.accepted(namespace, created.getMetadata().getName());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT && name.isPresent()) {
        // A redelivery: the run its first delivery created answers it.
        return WebhookAnswer.accepted(namespace, name.get());
      }
      LOG.warnf("webhook delivery to %s/%s could not create its run: HTTP %d %s",
          namespace, event.getMetadata().getName(), e.getCode(), e.getStatus() == null ? "" : e.getStatus().getReason());
      return WebhookAnswer.unavailable("the run could not be created; retry later");
    }
  }
}
