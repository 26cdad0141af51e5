package io.cronium.operator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventUpdatesTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static Event stored() {
    Event event = TestRuns.bashEvent("hello", "echo hi");
    event.getMetadata().setGeneration(3L);
    event.getMetadata().setResourceVersion("10");
    return event;
  }

  /** What the API server sends next: the same Event with a newer resource version. */
  private static Event next(Event previous) {
    Event updated = SERIALIZATION.clone(previous);
    updated.getMetadata().setResourceVersion("11");
    return updated;
  }

  @Test
  void aStatusWriteLeavesTheSpecAsItWas() {
    Event previous = stored();
    Event updated = next(previous);
    EventStatus status = new EventStatus();
    status.setScheduledRuns(4L);
    updated.setStatus(status);

    assertThat(EventUpdates.specChanged(updated, previous)).isFalse();
  }

  @Test
  void aLabelEditLeavesTheSpecAsItWas() {
    Event previous = stored();
    Event updated = next(previous);
    updated.getMetadata().setLabels(Map.of("team", "a"));

    assertThat(EventUpdates.specChanged(updated, previous)).isFalse();
  }

  @Test
  void aSpecChangeRaisesTheGeneration() {
    Event previous = stored();
    Event updated = next(previous);
    updated.getSpec().setScript("echo bye");
    updated.getMetadata().setGeneration(4L);

    assertThat(EventUpdates.specChanged(updated, previous)).isTrue();
  }
}
