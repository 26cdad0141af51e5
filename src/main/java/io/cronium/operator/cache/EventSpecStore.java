package io.cronium.operator.cache;

import io.cronium.api.v1alpha1.Event;

/**
 * Events without their status, for the caches of controllers that read only an Event's spec (the
 * run controller builds Pods and finds action targets from it); only the Event controller reads
 * and writes the status, from its own cache.
 */
public class EventSpecStore extends PrunedStore<Event> {

  public EventSpecStore() {
    super(event -> {
      SharedStrings.compactMetadata(event.getMetadata());
      event.setStatus(null);
      SharedStrings.shareScript(event);
    });
  }
}
