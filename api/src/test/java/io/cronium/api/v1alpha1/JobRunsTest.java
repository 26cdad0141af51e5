package io.cronium.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobRunsTest {

  private static Event bashEvent(String name, String script) {
    EventSpec spec = new EventSpec();
    spec.setType(EventType.Bash);
    spec.setScript(script);
    Event event = new Event();
    event.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").build());
    event.setSpec(spec);
    return event;
  }

  private final Event event = bashEvent("report", "true");

  @Test
  void aScheduledRunIsNamedAfterItsSlotInMinutesAndStampedWithIt() {
    Instant slot = Instant.parse("2026-11-28T10:05:00Z");

    JobRun run = JobRuns.scheduled(event, slot);

    assertThat(run.getMetadata().getName()).isEqualTo("report-" + slot.getEpochSecond() / 60);
    assertThat(run.getMetadata().getAnnotations()).containsEntry(JobRunLabels.NOMINAL_TIME, "2026-11-28T10:05:00Z");
    assertThat(run.getSpec().getScheduledTime()).isEqualTo("2026-11-28T10:05:00Z");
    assertThat(run.getSpec().getTrigger()).isEqualTo(RunTrigger.Schedule);
    assertThat(run.getMetadata().getLabels()).containsEntry(JobRunLabels.EVENT, "report");
  }

  @Test
  void slotsOffTheMinuteAreNamedInSeconds() {
    Instant slot = Instant.parse("2026-11-28T10:05:30Z");

    assertThat(JobRuns.scheduled(event, slot).getMetadata().getName())
        .isEqualTo("report-" + slot.getEpochSecond());
  }

  @Test
  void theSameSlotAlwaysGivesTheSameName() {
    Instant slot = Instant.parse("2026-11-28T10:05:00Z");

    assertThat(JobRuns.scheduled(event, slot).getMetadata().getName())
        .isEqualTo(JobRuns.scheduled(event, slot).getMetadata().getName());
  }

  @Test
  void theLongestEventNameStillGivesAValidLabelValue() {
    Event longest = bashEvent("e".repeat(52), "true");

    for (String slot : new String[] {"2999-12-31T23:59:00Z", "2286-11-20T17:46:39Z"}) {
      String name = JobRuns.scheduled(longest, Instant.parse(slot)).getMetadata().getName();
      assertThat(name).as(slot).hasSizeLessThanOrEqualTo(63);
    }
  }

  @Test
  void aManualRunGetsAGeneratedNameAndTheEventAsOwner() {
    event.getMetadata().setUid("event-uid");

    JobRun run = JobRuns.manual(event, null);

    assertThat(run.getMetadata().getGenerateName()).isEqualTo("report-");
    assertThat(run.getSpec().getTrigger()).isEqualTo(RunTrigger.Manual);
    assertThat(JobRuns.isOwnedBy(run, event)).isTrue();
  }

  @Test
  void aWebhookRunCarriesItsInputAndTriggerAndTheGivenName() {
    JsonNode input = JsonNodeFactory.instance.objectNode().put("ref", "main");

    JobRun run = JobRuns.webhook(event, input, Optional.of("report-w0123456789abcdef"));

    assertThat(run.getMetadata().getName()).isEqualTo("report-w0123456789abcdef");
    assertThat(run.getMetadata().getGenerateName()).isNull();
    assertThat(run.getSpec().getTrigger()).isEqualTo(RunTrigger.Webhook);
    assertThat(run.getSpec().getInput()).isEqualTo(input);
    assertThat(run.getMetadata().getLabels()).containsEntry(JobRunLabels.EVENT, "report");
  }

  @Test
  void aWebhookRunWithoutANameLetsTheApiServerGenerateOne() {
    JobRun run = JobRuns.webhook(event, null, Optional.empty());

    assertThat(run.getMetadata().getName()).isNull();
    assertThat(run.getMetadata().getGenerateName()).isEqualTo("report-");
  }
}
