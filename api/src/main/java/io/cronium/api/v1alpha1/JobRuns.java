package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the JobRuns of an Event: the scheduler's, the plugin's, a webhook's, and the adoption
 * reference.
 */
public final class JobRuns {

  private JobRuns() {}

  /**
   * The run for a schedule slot. Its name is derived from the Event and the slot, so whoever
   * creates it a second time (a restarted or second operator) gets AlreadyExists instead of a
   * duplicate run. Slots on whole minutes are named by minute, as CronJob names Jobs; others
   * (intervals off the minute) by second. The two cannot collide before the year 5000: minute
   * numbers have 8 digits until then, second numbers 10. Either way a 52-character Event name
   * gives at most 63 characters, a valid label value.
   */
  public static JobRun scheduled(Event event, Instant slot) {
    JobRunSpec spec = new JobRunSpec();
    spec.setEventRef(new EventReference(event.getMetadata().getName()));
    spec.setTrigger(RunTrigger.Schedule);
    spec.setScheduledTime(slot.toString());
    JobRun run = new JobRun();
    run.setMetadata(
        metadata(event)
            .withName(scheduledName(event.getMetadata().getName(), slot))
            .withAnnotations(Map.of(JobRunLabels.NOMINAL_TIME, slot.toString()))
            .build());
    run.setSpec(spec);
    return run;
  }

  /** A run started by hand; the API server completes its generated name. */
  public static JobRun manual(Event event, JsonNode input) {
    return started(event, RunTrigger.Manual, input,
        metadata(event).withGenerateName(event.getMetadata().getName() + "-"));
  }

  /**
   * A run started by a webhook delivery. With a {@code name} (derived from the delivery's
   * Idempotency-Key) a redelivery gets AlreadyExists instead of a second run; without one the
   * API server completes a generated name.
   */
  public static JobRun webhook(Event event, JsonNode input, Optional<String> name) {
    ObjectMetaBuilder metadata = metadata(event);
    name.ifPresentOrElse(
        metadata::withName, () -> metadata.withGenerateName(event.getMetadata().getName() + "-"));
    return started(event, RunTrigger.Webhook, input, metadata);
  }

  private static JobRun started(Event event, RunTrigger trigger, JsonNode input, ObjectMetaBuilder metadata) {
    JobRunSpec spec = new JobRunSpec();
    spec.setEventRef(new EventReference(event.getMetadata().getName()));
    spec.setTrigger(trigger);
    spec.setInput(input);
    JobRun run = new JobRun();
    run.setMetadata(metadata.build());
    run.setSpec(spec);
    return run;
  }

  /**
   * The run a runEvent action starts. Its name is derived from the predecessor run and the
   * action, so creating it again after a restart gets AlreadyExists instead of a second run.
   */
  public static JobRun chained(Event target, String name, JsonNode input, String predecessor) {
    return started(target, RunTrigger.Action, input,
        metadata(target).withName(name).withAnnotations(Map.of(JobRunLabels.PREDECESSOR, predecessor)));
  }

  static String scheduledName(String eventName, Instant slot) {
    long seconds = slot.getEpochSecond();
    return seconds % 60 == 0
        ? eventName + "-" + seconds / 60
        : eventName + "-" + seconds;
  }

  /** The reference that makes a run the Event's: deleting the Event deletes its runs. */
  public static OwnerReference ownerReference(Event event) {
    return new OwnerReferenceBuilder()
        .withApiVersion(event.getApiVersion())
        .withKind(event.getKind())
        .withName(event.getMetadata().getName())
        .withUid(event.getMetadata().getUid())
        .withController(true)
        .build();
  }

  /** Whether {@code run} already carries the Event's owner reference. */
  public static boolean isOwnedBy(JobRun run, Event event) {
    return run.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> event.getMetadata().getUid().equals(ref.getUid()));
  }

  private static ObjectMetaBuilder metadata(Event event) {
    ObjectMeta eventMeta = event.getMetadata();
    return new ObjectMetaBuilder()
        .withNamespace(eventMeta.getNamespace())
        .withLabels(Map.of(JobRunLabels.EVENT, eventMeta.getName()))
        .withOwnerReferences(ownerReference(event));
  }
}
