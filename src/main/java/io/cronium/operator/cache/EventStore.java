package io.cronium.operator.cache;

import io.cronium.api.v1alpha1.Event;

/**
 * The one shape in which every Event informer caches Events: whole, as the Event controller reads
 * and writes them, but for managed fields, with the strings they repeat shared. The Event
 * controller's cache, the runEvent chain cache and the run controller's cache then hold one
 * instance of each Event version between them ({@link SharedVersions}): pruned three ways they
 * held three.
 */
public class EventStore extends PrunedStore<Event> {

  public EventStore() {
    super(event -> {
      SharedStrings.compactMetadata(event.getMetadata());
      SharedStrings.shareScript(event);
      SharedStrings.shareStatus(event);
    });
  }

  @Override
  protected Event stored(Event pruned) {
    return SharedVersions.share(pruned);
  }
}
