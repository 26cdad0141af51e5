package io.cronium.operator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.ConcurrencyPolicy;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventReasons;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.Incident;
import io.cronium.api.v1alpha1.IncidentType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.api.v1alpha1.MissedRunPolicy;
import io.cronium.api.v1alpha1.ScheduleSpec;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulePlannerTest {

  private static final Instant CREATED = Instant.parse("2026-11-28T10:00:00Z");

  private static Event event(String cron) {
    Event event = TestRuns.bashEvent("report", "echo hi");
    event.getMetadata().setUid("event-uid");
    event.getMetadata().setCreationTimestamp(CREATED.toString());
    event.getMetadata().setGeneration(1L);
    if (cron != null) {
      ScheduleSpec schedule = new ScheduleSpec();
      schedule.setCron(cron);
      event.getSpec().setSchedule(schedule);
    }
    return event;
  }

  private static JobRun scheduledRun(Event event, Instant slot, JobRunPhase phase) {
    JobRun run = JobRuns.scheduled(event, slot);
    run.getMetadata().setUid("uid-" + run.getMetadata().getName());
    run.getMetadata().setCreationTimestamp(slot.toString());
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    run.setStatus(status);
    return run;
  }

  private static JobRun manualRun(String name, JobRunPhase phase) {
    JobRun run = TestRuns.manualRun(name, "report");
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    run.setStatus(status);
    return run;
  }

  private static Instant at(String time) {
    return Instant.parse("2026-11-28T" + time + "Z");
  }

  private static Condition condition(SchedulePlan plan, String type) {
    return plan.conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  /** The status the reconciler would write after carrying out {@code plan}. */
  private static void applyStatus(Event event, SchedulePlan plan) {
    EventStatus status = event.getStatus() == null ? new EventStatus() : event.getStatus();
    status.setLastScheduleTime(plan.lastScheduleTime().map(Instant::toString).orElse(null));
    status.setLastHandledSlot(plan.lastHandledSlot().map(Instant::toString).orElse(null));
    status.setScheduledRuns(plan.scheduledRuns());
    status.setConditions(plan.conditions());
    List<Incident> incidents = new ArrayList<>(status.getIncidents());
    incidents.addAll(plan.newIncidents());
    status.setIncidents(incidents);
    event.setStatus(status);
  }

  @Test
  void noSlotDueYetRunsNothingAndWakesAtTheNextSlot() {
    SchedulePlan plan = SchedulePlanner.plan(event("*/5 * * * *"), List.of(), at("10:03:10"));

    assertThat(plan.slotsToRun()).isEmpty();
    assertThat(plan.nextScheduleTime()).contains(at("10:05:00"));
    assertThat(plan.wakeUpAfter()).contains(Duration.ofSeconds(110));
    assertThat(plan.newIncidents()).isEmpty();
    assertThat(condition(plan, EventConditions.SCHEDULE_VALID).getStatus()).isEqualTo("True");
    assertThat(condition(plan, EventConditions.SUSPENDED).getStatus()).isEqualTo("False");
  }

  @Test
  void aDueSlotRunsOnceAndCountsAsScheduled() {
    SchedulePlan plan = SchedulePlanner.plan(event("*/5 * * * *"), List.of(), at("10:05:00.120"));

    assertThat(plan.slotsToRun()).containsExactly(at("10:05:00"));
    assertThat(plan.lastScheduleTime()).contains(at("10:05:00"));
    assertThat(plan.scheduledRuns()).isEqualTo(1);
    assertThat(plan.nextScheduleTime()).contains(at("10:10:00"));
  }

  @Test
  void aRunCreatedBeforeACrashIsNotCreatedAgainAndStillCounts() {
    Event event = event("*/5 * * * *");
    // The operator created the 10:05 run and stopped before writing the Event's status.
    JobRun created = scheduledRun(event, at("10:05:00"), JobRunPhase.Pending);

    SchedulePlan plan = SchedulePlanner.plan(event, List.of(created), at("10:05:02"));

    assertThat(plan.slotsToRun()).isEmpty();
    assertThat(plan.lastScheduleTime()).contains(at("10:05:00"));
    assertThat(plan.lastHandledSlot()).contains(at("10:05:00"));
    assertThat(plan.scheduledRuns()).isEqualTo(1);
  }

  @Test
  void anAlreadyRecordedSlotIsNotRunAgainAfterItsRunWasDeleted() {
    Event event = event("*/5 * * * *");
    applyStatus(event, SchedulePlanner.plan(event, List.of(), at("10:05:00")));

    // History cleanup deleted the run; the recorded status alone must keep the slot handled.
    SchedulePlan again = SchedulePlanner.plan(event, List.of(), at("10:07:00"));

    assertThat(again.slotsToRun()).isEmpty();
    assertThat(again.scheduledRuns()).isEqualTo(1);
  }

  @Test
  void missedSlotsUnderRunOnceRunTheLatestAndRecordTheRest() {
    SchedulePlan plan = SchedulePlanner.plan(event("* * * * *"), List.of(), at("10:10:30"));

    assertThat(plan.slotsToRun()).containsExactly(at("10:10:00"));
    assertThat(plan.newIncidents())
        .singleElement()
        .satisfies(incident -> {
          assertThat(incident.getType()).isEqualTo(IncidentType.Missed);
          assertThat(incident.getMessage()).startsWith("9 slot(s) passed without a run");
        });
  }

  @Test
  void runAllStartsTheMostRecent25AndRecordsTheOverflow() {
    Event event = event("* * * * *");
    event.getSpec().getSchedule().setMissedRunPolicy(MissedRunPolicy.RunAll);

    SchedulePlan plan = SchedulePlanner.plan(event, List.of(), at("10:30:00"));

    assertThat(plan.slotsToRun()).hasSize(25).startsWith(at("10:06:00")).endsWith(at("10:30:00"));
    assertThat(plan.newIncidents())
        .singleElement()
        .satisfies(incident -> {
          assertThat(incident.getType()).isEqualTo(IncidentType.CatchupOverflow);
          assertThat(incident.getMessage()).startsWith("5 missed slot(s)");
        });
  }

  @Test
  void slotsPastTheStartingDeadlineAreDroppedAsMissed() {
    Event event = event("* * * * *");
    event.getSpec().getSchedule().setStartingDeadlineSeconds(30L);

    SchedulePlan plan = SchedulePlanner.plan(event, List.of(), at("10:10:40"));

    assertThat(plan.slotsToRun()).isEmpty();
    assertThat(plan.lastHandledSlot()).contains(at("10:10:00"));
    assertThat(plan.newIncidents()).extracting(Incident::getType).containsExactly(IncidentType.Missed);
    assertThat(plan.newIncidents().get(0).getMessage()).contains("startingDeadlineSeconds (30s)");
  }

  @Test
  void forbidSkipsASlotWhileARunIsActiveAndRecordsTheOverlap() {
    Event event = event("*/5 * * * *");
    event.getSpec().getSchedule().setConcurrencyPolicy(ConcurrencyPolicy.Forbid);

    SchedulePlan plan =
        SchedulePlanner.plan(event, List.of(manualRun("by-hand", JobRunPhase.Running)), at("10:05:01"));

    assertThat(plan.slotsToRun()).isEmpty();
    assertThat(plan.lastHandledSlot()).contains(at("10:05:00"));
    assertThat(plan.lastScheduleTime()).isEmpty();
    assertThat(plan.newIncidents())
        .singleElement()
        .satisfies(incident -> {
          assertThat(incident.getType()).isEqualTo(IncidentType.SkippedOverlap);
          assertThat(incident.getSlot()).isEqualTo("2026-11-28T10:05:00Z");
        });
  }

  @Test
  void forbidRunsTheSlotWhenNothingIsActive() {
    Event event = event("*/5 * * * *");
    event.getSpec().getSchedule().setConcurrencyPolicy(ConcurrencyPolicy.Forbid);

    SchedulePlan plan =
        SchedulePlanner.plan(event, List.of(manualRun("done", JobRunPhase.Succeeded)), at("10:05:01"));

    assertThat(plan.slotsToRun()).containsExactly(at("10:05:00"));
  }

  @Test
  void queueLetsOneRunWaitBehindTheActiveOneAndSkipsMore() {
    Event event = event("*/5 * * * *");
    event.getSpec().getSchedule().setConcurrencyPolicy(ConcurrencyPolicy.Queue);
    JobRun active = manualRun("active", JobRunPhase.Running);

    SchedulePlan oneActive = SchedulePlanner.plan(event, List.of(active), at("10:05:01"));
    JobRun waiting = scheduledRun(event, at("10:05:00"), JobRunPhase.Pending);
    SchedulePlan queueFull = SchedulePlanner.plan(event, List.of(active, waiting), at("10:10:01"));

    assertThat(oneActive.slotsToRun()).containsExactly(at("10:05:00"));
    assertThat(queueFull.slotsToRun()).isEmpty();
    assertThat(queueFull.newIncidents()).extracting(Incident::getType).containsExactly(IncidentType.SkippedOverlap);
  }

  @Test
  void replaceAndAllowCreateTheSlotDespiteAnActiveRun() {
    for (ConcurrencyPolicy policy : List.of(ConcurrencyPolicy.Allow, ConcurrencyPolicy.Replace)) {
      Event event = event("*/5 * * * *");
      event.getSpec().getSchedule().setConcurrencyPolicy(policy);

      SchedulePlan plan =
          SchedulePlanner.plan(event, List.of(manualRun("active", JobRunPhase.Running)), at("10:05:01"));

      assertThat(plan.slotsToRun()).as(policy.name()).containsExactly(at("10:05:00"));
    }
  }

  @Test
  void suspendedEventsScheduleNothingAndKeepTheirSlotsForResume() {
    Event event = event("*/5 * * * *");
    event.getSpec().setSuspend(true);

    SchedulePlan plan = SchedulePlanner.plan(event, List.of(), at("10:20:00"));

    assertThat(plan.slotsToRun()).isEmpty();
    assertThat(plan.nextScheduleTime()).isEmpty();
    assertThat(plan.wakeUpAfter()).isEmpty();
    assertThat(plan.lastHandledSlot()).isEmpty();
    assertThat(condition(plan, EventConditions.SUSPENDED).getReason())
        .isEqualTo(EventReasons.SUSPENDED_BY_SPEC);
  }

  @Test
  void reachingMaxExecutionsPausesOnceAndManualRunsDoNotCount() {
    Event event = event("*/5 * * * *");
    event.getSpec().setMaxExecutions(2L);
    JobRun manual = manualRun("by-hand", JobRunPhase.Succeeded);

    SchedulePlan first = SchedulePlanner.plan(event, List.of(manual), at("10:05:00"));
    applyStatus(event, first);
    SchedulePlan second = SchedulePlanner.plan(event, List.of(manual), at("10:10:00"));
    applyStatus(event, second);
    SchedulePlan third = SchedulePlanner.plan(event, List.of(manual), at("10:15:00"));

    assertThat(first.slotsToRun()).hasSize(1);
    assertThat(second.slotsToRun()).hasSize(1);
    assertThat(second.newIncidents()).extracting(Incident::getType).containsExactly(IncidentType.AutoPaused);
    assertThat(condition(second, EventConditions.SUSPENDED).getReason())
        .isEqualTo(EventReasons.MAX_EXECUTIONS_REACHED);
    assertThat(third.slotsToRun()).isEmpty();
    assertThat(third.nextScheduleTime()).isEmpty();
    assertThat(third.newIncidents()).as("AutoPaused is recorded once").isEmpty();
  }

  @Test
  void runAllStopsAtMaxExecutions() {
    Event event = event("* * * * *");
    event.getSpec().getSchedule().setMissedRunPolicy(MissedRunPolicy.RunAll);
    event.getSpec().setMaxExecutions(3L);

    SchedulePlan plan = SchedulePlanner.plan(event, List.of(), at("10:10:00"));

    assertThat(plan.slotsToRun()).hasSize(3);
    assertThat(plan.scheduledRuns()).isEqualTo(3);
  }

  @Test
  void anInvalidScheduleGivesAConditionAndOneIncidentNotAnException() {
    Event event = event("0 0 30 2 *");

    SchedulePlan plan = SchedulePlanner.plan(event, List.of(), at("10:05:00"));
    applyStatus(event, plan);
    SchedulePlan again = SchedulePlanner.plan(event, List.of(), at("10:06:00"));

    Condition valid = condition(plan, EventConditions.SCHEDULE_VALID);
    assertThat(valid.getStatus()).isEqualTo("False");
    assertThat(valid.getReason()).isEqualTo(EventReasons.INVALID_SCHEDULE);
    assertThat(valid.getMessage()).contains("never fire");
    assertThat(plan.newIncidents()).extracting(Incident::getType).containsExactly(IncidentType.InvalidSchedule);
    assertThat(plan.slotsToRun()).isEmpty();
    assertThat(plan.wakeUpAfter()).isEmpty();
    assertThat(again.newIncidents()).as("reported once per problem").isEmpty();
  }

  @Test
  void anUnknownTimeZoneIsAnInvalidSchedule() {
    Event event = event("0 9 * * *");
    event.getSpec().getSchedule().setTimeZone("Europe/Atlantis");

    SchedulePlan plan = SchedulePlanner.plan(event, List.of(), at("10:05:00"));

    assertThat(condition(plan, EventConditions.SCHEDULE_VALID).getMessage()).contains("Europe/Atlantis");
  }

  @Test
  void anIntervalCountsRealTimeFromCreation() {
    Event event = event(null);
    ScheduleSpec schedule = new ScheduleSpec();
    schedule.setInterval("90s");
    event.getSpec().setSchedule(schedule);

    SchedulePlan plan = SchedulePlanner.plan(event, List.of(), at("10:01:30"));

    assertThat(plan.slotsToRun()).containsExactly(at("10:01:30"));
    assertThat(plan.nextScheduleTime()).contains(at("10:03:00"));
  }

  @Test
  void anIntervalBelowTenSecondsIsInvalid() {
    Event event = event(null);
    ScheduleSpec schedule = new ScheduleSpec();
    schedule.setInterval("5s");
    event.getSpec().setSchedule(schedule);

    SchedulePlan plan = SchedulePlanner.plan(event, List.of(), at("10:01:30"));

    assertThat(condition(plan, EventConditions.SCHEDULE_VALID).getMessage())
        .startsWith("schedule.interval:").contains("at least 10s");
  }

  @Test
  void startTimeHoldsBackEarlierSlots() {
    Event event = event("*/5 * * * *");
    event.getSpec().getSchedule().setStartTime("2026-11-28T11:08:00+01:00");

    SchedulePlan before = SchedulePlanner.plan(event, List.of(), at("10:07:00"));

    assertThat(before.slotsToRun()).isEmpty();
    assertThat(before.nextScheduleTime()).contains(at("10:10:00"));
  }

  @Test
  void withoutScheduleTheEventIsManualOnly() {
    SchedulePlan plan = SchedulePlanner.plan(event(null), List.of(), at("10:05:00"));

    assertThat(plan.slotsToRun()).isEmpty();
    assertThat(plan.wakeUpAfter()).isEmpty();
    assertThat(condition(plan, EventConditions.SCHEDULE_VALID).getReason()).isEqualTo(EventReasons.NO_SCHEDULE);
  }
}
