package io.cronium.operator.cache;

import io.cronium.api.v1alpha1.Event;

/** The Event controller's own cache: whole Events, as it reads and writes them, but for managed fields. */
public class EventStore extends PrunedStore<Event> {

  public EventStore() {
    super(event -> {});
  }
}
