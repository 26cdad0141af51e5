package io.cronium.operator.faults;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.ScheduleSpec;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The interval Events of a fault case, their start times staggered across one interval so that
 * some slot is always coming due (a crash at any moment meets scheduling work), and the slots each
 * one had up to an instant: slots are {@code startTime + k·interval}.
 */
final class IntervalEvents {

  private final String namespace;
  private final Duration interval;
  private final Map<String, Instant> startTimes = new LinkedHashMap<>();

  /**
   * @param count Events named {@code <prefix>-0 ... <prefix>-<count-1>}
   * @param firstStart the first Event's startTime; must lie after their creation
   * @param stagger how much later each next Event starts, wrapping around after one interval
   */
  IntervalEvents(String namespace, String prefix, int count, Duration interval, Instant firstStart,
      Duration stagger) {
    this.namespace = namespace;
    this.interval = interval;
    long offsets = interval.dividedBy(stagger);
    for (int i = 0; i < count; i++) {
      startTimes.put(prefix + "-" + i, firstStart.plus(stagger.multipliedBy(i % offsets)));
    }
  }

  /** Creates the Events; {@code customize} gets each one with its index before it is created. */
  void create(KubernetesClient client, BiConsumer<Integer, Event> customize) {
    int index = 0;
    for (Map.Entry<String, Instant> start : startTimes.entrySet()) {
      Event event = TestRuns.bashEvent(start.getKey(), "echo tick");
      event.getMetadata().setNamespace(namespace);
      ScheduleSpec schedule = new ScheduleSpec();
      schedule.setInterval(interval.toSeconds() + "s");
      schedule.setStartTime(start.getValue().toString());
      event.getSpec().setSchedule(schedule);
      customize.accept(index++, event);
      client.resource(event).create();
    }
  }

  List<String> names() {
    return List.copyOf(startTimes.keySet());
  }

  Duration interval() {
    return interval;
  }

  /** The slots of {@code event} up to and including {@code until}. */
  List<Instant> slots(String event, Instant until) {
    List<Instant> slots = new ArrayList<>();
    for (Instant slot = startTimes.get(event); !slot.isAfter(until); slot = slot.plus(interval)) {
      slots.add(slot);
    }
    return slots;
  }

  /** All Events' slots up to {@code until}. */
  int slotCount(Instant until) {
    return startTimes.keySet().stream().mapToInt(event -> slots(event, until).size()).sum();
  }

  /** Whether every Event's status says its last slot up to {@code until} is decided (run or missed). */
  boolean handledThrough(KubernetesClient client, Instant until) {
    for (String name : startTimes.keySet()) {
      List<Instant> slots = slots(name, until);
      if (slots.isEmpty()) {
        continue;
      }
      EventStatus status = status(client, name);
      if (status == null || status.getLastHandledSlot() == null
          || Instant.parse(status.getLastHandledSlot()).isBefore(slots.get(slots.size() - 1))) {
        return false;
      }
    }
    return true;
  }

  EventStatus status(KubernetesClient client, String name) {
    Event event = client.resources(Event.class).inNamespace(namespace).withName(name).get();
    return event == null ? null : event.getStatus();
  }
}
