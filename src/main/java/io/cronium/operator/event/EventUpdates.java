package io.cronium.operator.event;

import io.cronium.api.v1alpha1.Event;
import java.util.Objects;

/** Which updates of an Event concern the informers that read only its spec. */
public final class EventUpdates {

  private EventUpdates() {
  }

  /**
   * Whether {@code updated} changes the spec of {@code previous}: the API server raises
   * metadata.generation on a spec change only. Runs and runEvent chains read nothing else of an
   * Event, and the Event controller writes its status about twice a run: waking every kept run of
   * the Event, or every chained Event, for each of those writes would find nothing to do.
   */
  public static boolean specChanged(Event updated, Event previous) {
    return !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration());
  }
}
