package io.cronium.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.observability.KubernetesEventRecorder.Type;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KubernetesEventRecorderTest {

  private final KubernetesEventRecorder recorder =
      new KubernetesEventRecorder(null, Clock.fixed(Instant.parse("2026-11-28T10:00:00.123456Z"), ZoneOffset.UTC),
          "cronium-operator-7d9f-abcde");

  @Test
  void buildsAnEventsV1EventAboutTheObject() {
    Event event = recorder.build(TestRuns.manualRun("run-1", "hello"), Type.Warning, "ScriptFailed",
        "Finish", "Failed (exit code 3)");

    assertThat(event.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(event.getMetadata().getName()).startsWith("run-1.");
    assertThat(event.getRegarding().getKind()).isEqualTo("JobRun");
    assertThat(event.getRegarding().getApiVersion()).isEqualTo("cronium.io/v1alpha1");
    assertThat(event.getRegarding().getUid()).isEqualTo("uid-run-1");
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getReason()).isEqualTo("ScriptFailed");
    assertThat(event.getAction()).isEqualTo("Finish");
    assertThat(event.getEventTime().getTime()).isEqualTo("2026-11-28T10:00:00.123456Z");
    assertThat(event.getReportingController()).isEqualTo("cronium.io/operator");
    assertThat(event.getReportingInstance()).isEqualTo("cronium-operator-7d9f-abcde");
  }

  @Test
  void twoEventsAboutOneObjectInTheSameInstantGetDistinctNames() {
    Event first = recorder.build(TestRuns.manualRun("run-1", "e"), Type.Normal, "Started", "Run", "x");
    Event second = recorder.build(TestRuns.manualRun("run-1", "e"), Type.Normal, "Started", "Run", "x");
    assertThat(first.getMetadata().getName()).isNotEqualTo(second.getMetadata().getName());
  }

  @Test
  void longNotesAreCutToTheApiServersLimit() {
    Event event = recorder.build(TestRuns.manualRun("run-1", "e"), Type.Warning, "PodStartFailed", "Finish",
        "x".repeat(5000));
    assertThat(event.getNote()).hasSize(KubernetesEventRecorder.MAX_NOTE).endsWith("...");
  }
}
