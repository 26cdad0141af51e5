package io.cronium.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.Incident;
import io.cronium.api.v1alpha1.IncidentType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.operator.jobrun.TestRuns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventReporterTest {

  private static JobRun finished(String name, JobRunPhase phase) {
    JobRun run = TestRuns.manualRun(name, "hello");
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    run.setStatus(status);
    return run;
  }

  private static EventStatus counted(String... uids) {
    EventStatus status = new EventStatus();
    status.setCountedRunUids(new ArrayList<>(List.of(uids)));
    return status;
  }

  @Test
  void reportsExactlyTheRunsThisWriteCountedForTheFirstTime() {
    List<JobRun> runs = List.of(finished("a", JobRunPhase.Succeeded), finished("b", JobRunPhase.Failed),
        finished("c", JobRunPhase.TimedOut));

    assertThat(EventReporter.newlyCounted(counted("uid-a"), counted("uid-a", "uid-b", "uid-c"), runs))
        .extracting(run -> run.getMetadata().getName())
        .containsExactly("b", "c");
    assertThat(EventReporter.newlyCounted(null, counted("uid-a"), runs)).hasSize(1);
    assertThat(EventReporter.newlyCounted(counted("uid-a", "uid-b"), counted("uid-b"), runs)).isEmpty();
  }

  @Test
  void reportsTheIncidentsThisWriteAdded() {
    Incident old = new Incident(IncidentType.Missed, Instant.parse("2026-11-28T10:00:00Z"), null, "old");
    Incident added = new Incident(IncidentType.SkippedOverlap, Instant.parse("2026-11-28T10:01:00Z"),
        Instant.parse("2026-11-28T10:01:00Z"), "a run is still active");
    EventStatus before = new EventStatus();
    before.setIncidents(List.of(old));
    EventStatus after = new EventStatus();
    after.setIncidents(List.of(old, added));

    assertThat(EventReporter.newIncidents(before, after)).containsExactly(added);
    assertThat(EventReporter.newIncidents(after, after)).isEmpty();
    assertThat(EventReporter.newIncidents(null, after)).containsExactly(old, added);
  }
}
