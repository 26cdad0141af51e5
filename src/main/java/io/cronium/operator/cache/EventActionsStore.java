package io.cronium.operator.cache;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventSpec;

/**
 * Events reduced to their actions, for the cache that finds runEvent loops: the script, input and
 * env (up to 120 KiB each) and the status are read from the Event controller's own cache.
 */
public class EventActionsStore extends PrunedStore<Event> {

  public EventActionsStore() {
    super(event -> {
      SharedStrings.compactMetadata(event.getMetadata());
      EventSpec actionsOnly = new EventSpec();
      if (event.getSpec() != null) {
        actionsOnly.setActions(event.getSpec().getActions());
      }
      event.setSpec(actionsOnly);
      event.setStatus(null);
    });
  }
}
