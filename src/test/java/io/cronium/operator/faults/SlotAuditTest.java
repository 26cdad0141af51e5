package io.cronium.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Incident;
import io.cronium.api.v1alpha1.IncidentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fault suite's judge of lost slots, on the incidents the scheduler writes. */
class SlotAuditTest {

  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final List<Instant> SLOTS = List.of(T0, T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));

  @Test
  void aMissedIncidentAtTheSlotThatRanAccountsForTheSlotsBeforeIt() {
    Incident missed = new Incident(IncidentType.Missed, T0.plusSeconds(31), T0.plusSeconds(30),
        "2 slot(s) passed without a run (missedRunPolicy RunOnce)");

    SlotAudit.Verdict verdict = SlotAudit.audit(SLOTS, Set.of(T0, T0.plusSeconds(30)), List.of(missed), INTERVAL);

    assertThat(verdict.missed()).containsExactly(T0.plusSeconds(10), T0.plusSeconds(20));
    assertThat(verdict.lost()).isEmpty();
  }

  @Test
  void aSlotWithNeitherARunNorAnIncidentIsLost() {
    Incident missedOne = new Incident(IncidentType.Missed, T0.plusSeconds(31), T0.plusSeconds(30),
        "1 slot(s) passed without a run (missedRunPolicy RunOnce)");
    Incident overlap = new Incident(IncidentType.SkippedOverlap, T0.plusSeconds(11), T0.plusSeconds(10), "active");

    SlotAudit.Verdict verdict =
        SlotAudit.audit(SLOTS, Set.of(T0, T0.plusSeconds(30)), List.of(missedOne, overlap), INTERVAL);

    assertThat(verdict.missed()).containsExactly(T0.plusSeconds(20));
    assertThat(verdict.lost()).containsExactly(T0.plusSeconds(10));
  }
}
