package io.cronium.operator.webhook;

import io.cronium.api.v1alpha1.Event;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Finds the Event a delivery names in the Event controller's cache. JOSDK starts a controller's
 * informers on every replica, the standby too (only event processing waits for the Lease), so any
 * replica behind the Service can answer; the cache holds exactly the watched namespaces' Events,
 * and reading it costs the API server nothing, an unknown name included.
 */
@ApplicationScoped
public class WebhookEvents {

  /** The cache cannot tell yet whether an Event exists: it is starting or reconnecting. */
  public static final class NotReadyException extends Exception {
    NotReadyException() {
      super("the operator's Event cache is not in sync with the API server", null, false, false);
    }
  }

  private final Operator operator;
  private volatile ControllerEventSource<Event> cache;

  public WebhookEvents(Operator operator) {
    this.operator = operator;
  }

  public Optional<Event> find(String namespace, String name) throws NotReadyException {
    ControllerEventSource<Event> events = cache();
    if (events == null || events.getStatus() != Status.HEALTHY) {
      throw new NotReadyException();
    }
    return events.get(new ResourceID(name, namespace));
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
