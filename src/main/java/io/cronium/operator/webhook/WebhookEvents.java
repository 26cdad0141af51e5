package io.cronium.operator.webhook;

import io.cronium.api.v1alpha1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Finds the Event a delivery names. From the Event controller's cache, which its informer keeps
 * current on every replica and which holds exactly the watched namespaces' Events; from the API
 * server while that informer is not healthy (starting, or reconnecting after an outage), so that a
 * delivery is never refused for a cache that is behind.
 */
@ApplicationScoped
class WebhookEvents {

  private final Operator operator;
  private final KubernetesClient client;
  private volatile ControllerEventSource<Event> cache;

  WebhookEvents(Operator operator, KubernetesClient client) {
    this.operator = operator;
    this.client = client;
  }

  Optional<Event> find(String namespace, String name) {
    ControllerEventSource<Event> events = cache();
    if (events != null && events.getStatus() == Status.HEALTHY) {
      return events.get(new ResourceID(name, namespace));
    }
    return Optional.ofNullable(client.resources(Event.class).inNamespace(namespace).withName(name).get());
  }

  /** The Event controller's primary cache, once the operator has registered it. */
  @SuppressWarnings("unchecked")
  private ControllerEventSource<Event> cache() {
    if (cache == null) {
      cache = operator.getRuntimeInfo().getRegisteredControllers().stream()
          .filter(controller -> controller.getConfiguration().getResourceClass() == Event.class)
          .filter(Controller.class::isInstance)
          .map(controller -> ((Controller<Event>) controller).getEventSourceManager().getControllerEventSource())
          .findFirst()
          .orElse(null);
    }
    return cache;
  }
}
