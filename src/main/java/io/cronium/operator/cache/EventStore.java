package io.cronium.operator.cache;

import io.cronium.api.v1alpha1.Event;

/**
 * The Event controller's own cache: whole Events, as it reads and writes them, but for managed
 * fields, with the strings they repeat shared.
 */
public class EventStore extends PrunedStore<Event> {

  public EventStore() {
    super(event -> {
      SharedStrings.compactMetadata(event.getMetadata());
      SharedStrings.shareScript(event);
      SharedStrings.shareStatus(event);
    });
  }
}
