package io.cronium.operator.event;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventReasons;
import io.cronium.api.v1alpha1.EventSpec;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.Incident;
import io.cronium.api.v1alpha1.IncidentType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.RunTrigger;
import io.cronium.api.v1alpha1.ScheduleSpec;
import io.cronium.operator.concurrency.ConcurrencyGate;
import io.cronium.operator.schedule.DueSlotCalculator;
import io.cronium.operator.schedule.DueSlots;
import io.cronium.operator.schedule.IntervalSchedule;
import io.cronium.operator.schedule.InvalidScheduleException;
import io.cronium.operator.schedule.Schedule;
import io.cronium.operator.schedule.ScheduleParser;
import io.cronium.operator.schedule.ScheduleTimeZone;
import io.cronium.operator.schedule.StartTimeFloor;
import io.cronium.operator.status.Conditions;
import io.cronium.operator.validation.EventSpecCheck;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, from an Event, all its existing JobRuns and the current time, which slots get a run
 * now and what the schedule half of the status says. Pure: the reconciler does the writes.
 *
 * <p>The decision is recomputed from the whole state each time. Runs the scheduler created carry
 * their slot, so a run created just before a crash (status not yet written) still counts as
 * handled: the next reconcile neither creates it again nor loses it from maxExecutions.
 */
public final class SchedulePlanner {

  private SchedulePlanner() {}

  public static SchedulePlan plan(Event event, Collection<JobRun> runs, Instant now) {
    EventSpec spec = event.getSpec();
    EventStatus status = event.getStatus() == null ? new EventStatus() : event.getStatus();
    List<JobRun> scheduledRuns = scheduledRunsOf(runs);
    Optional<Instant> recordedHandled = instant(status.getLastHandledSlot());
    Optional<Instant> newestRunSlot =
        scheduledRuns.stream().map(SchedulePlanner::slotOf).max(Comparator.naturalOrder());
    Optional<Instant> lastScheduleTime = latest(instant(status.getLastScheduleTime()), newestRunSlot);
    Optional<Instant> handled = latest(recordedHandled, newestRunSlot);
    long createdRuns =
        Objects.requireNonNullElse(status.getScheduledRuns(), 0L)
            + scheduledRuns.stream()
                .filter(run -> recordedHandled.map(h -> slotOf(run).isAfter(h)).orElse(true))
                .count();

    Builder plan = new Builder(lastScheduleTime, handled, createdRuns);
    List<String> problems = EventSpecCheck.problems(event);
    if (!problems.isEmpty()) {
      plan.conditions.add(Conditions.condition(
          EventConditions.SPEC_VALID, false, EventReasons.INVALID_SPEC, String.join("; ", problems) + "."));
      return plan.build();
    }
    plan.conditions.add(Conditions.condition(
        EventConditions.SPEC_VALID, true, EventReasons.VALID, "This operator can run the Event."));
    if (spec.getSchedule() == null) {
      return plan.valid(EventReasons.NO_SCHEDULE, "No schedule: the Event runs only by hand.")
          .notSuspended()
          .build();
    }
    Schedule schedule;
    try {
      schedule = scheduleOf(spec.getSchedule(), creationTime(event));
    } catch (InvalidScheduleException e) {
      Condition invalid =
          Conditions.condition(
              EventConditions.SCHEDULE_VALID, false, EventReasons.INVALID_SCHEDULE, e.getMessage());
      if (!Conditions.holds(status.getConditions(), invalid)) {
        plan.incidents.add(new Incident(IncidentType.InvalidSchedule, now, null, e.getMessage()));
      }
      plan.conditions.add(invalid);
      return plan.notSuspended().build();
    }
    plan.valid(EventReasons.VALID, "The schedule is valid.");
    if (Boolean.TRUE.equals(spec.getSuspend())) {
      return plan.suspended(EventReasons.SUSPENDED_BY_SPEC, "spec.suspend is true.").build();
    }
    long maxExecutions = Objects.requireNonNullElse(spec.getMaxExecutions(), 0L);
    if (maxExecutions > 0 && createdRuns >= maxExecutions) {
      return plan.autoPaused(maxExecutions, status, now).build();
    }

    ScheduleSpec scheduling = spec.getSchedule();
    DueSlots due =
        DueSlotCalculator.calculate(
            schedule,
            creationTime(event),
            handled.orElse(null),
            now,
            scheduling.getStartingDeadlineSeconds(),
            scheduling.getMissedRunPolicy());
    recordMissed(plan, due, scheduling, now);

    int active = (int) runs.stream().filter(ConcurrencyGate::isActive).count();
    for (Instant slot : due.slotsToRun()) {
      Optional<String> overlap = ConcurrencyGate.overlap(scheduling.getConcurrencyPolicy(), active);
      if (overlap.isPresent()) {
        plan.incidents.add(new Incident(IncidentType.SkippedOverlap, now, slot, overlap.get()));
        continue;
      }
      if (maxExecutions > 0 && plan.createdRuns >= maxExecutions) {
        break;
      }
      plan.run(slot);
      active++;
    }
    due.handledThrough().ifPresent(slot -> plan.handled = latest(plan.handled, Optional.of(slot)));
    if (maxExecutions > 0 && plan.createdRuns >= maxExecutions) {
      return plan.autoPaused(maxExecutions, status, now).build();
    }
    plan.notSuspended();
    plan.next = due.nextFireTime();
    plan.wakeUpAfter =
        due.nextFireTime().map(next -> Duration.between(now, next)).map(d -> d.isNegative() ? Duration.ZERO : d);
    return plan.build();
  }

  /**
   * The Event's schedule as slots: cron read in its time zone, or an interval counted from
   * startTime (else the creation time); never a slot before startTime.
   *
   * @throws InvalidScheduleException with a message for the user
   */
  public static Schedule scheduleOf(ScheduleSpec spec, Instant creationTime) {
    Optional<Instant> startTime = parseStartTime(spec.getStartTime());
    Instant anchor = startTime.orElse(creationTime);
    Schedule schedule =
        spec.getInterval() != null
            ? intervalOf(spec.getInterval(), anchor)
            : ScheduleParser.parse(spec.getCron(), ScheduleTimeZone.parse(spec.getTimeZone()), anchor);
    return startTime.<Schedule>map(start -> new StartTimeFloor(schedule, start)).orElse(schedule);
  }

  private static Schedule intervalOf(String interval, Instant anchor) {
    try {
      return IntervalSchedule.parse(interval, anchor);
    } catch (InvalidScheduleException e) {
      throw new InvalidScheduleException("schedule.interval: " + e.getMessage());
    }
  }

  private static Optional<Instant> parseStartTime(String startTime) {
    if (startTime == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(startTime).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidScheduleException(
          "schedule.startTime \"" + startTime + "\" is not an RFC 3339 time such as 2026-01-01T00:00:00Z");
    }
  }

  private static void recordMissed(Builder plan, DueSlots due, ScheduleSpec spec, Instant now) {
    Instant latest = due.handledThrough().orElse(null);
    String more = due.tooManyMissed() ? "more than 100" : null;
    if (due.expiredCount() > 0) {
      plan.incidents.add(
          new Incident(
              IncidentType.Missed,
              now,
              null,
              String.format(
                  "%s slot(s) older than startingDeadlineSeconds (%ds) were not run",
                  Objects.requireNonNullElse(more, String.valueOf(due.expiredCount())),
                  spec.getStartingDeadlineSeconds())));
    }
    if (due.missedCount() > 0) {
      plan.incidents.add(
          new Incident(
              IncidentType.Missed,
              now,
              latest,
              String.format(
                  "%s slot(s) passed without a run (missedRunPolicy %s)%s",
                  Objects.requireNonNullElse(more, String.valueOf(due.missedCount())),
                  spec.getMissedRunPolicy(),
                  due.tooManyMissed()
                      ? "; so many usually means the operator was down or the clock jumped:"
                          + " set startingDeadlineSeconds to bound catch-up"
                      : "")));
    }
    if (due.catchupOverflowCount() > 0) {
      plan.incidents.add(
          new Incident(
              IncidentType.CatchupOverflow,
              now,
              latest,
              String.format(
                  "%s missed slot(s) beyond the %d that RunAll starts at once were not run",
                  Objects.requireNonNullElse(more, String.valueOf(due.catchupOverflowCount())),
                  DueSlotCalculator.RUN_ALL_LIMIT)));
    }
  }

  private static List<JobRun> scheduledRunsOf(Collection<JobRun> runs) {
    return runs.stream()
        .filter(run -> run.getSpec() != null && run.getSpec().getTrigger() == RunTrigger.Schedule)
        .filter(run -> instant(run.getSpec().getScheduledTime()).isPresent())
        .toList();
  }

  private static Instant slotOf(JobRun run) {
    return instant(run.getSpec().getScheduledTime()).orElseThrow();
  }

  private static Instant creationTime(Event event) {
    return instant(event.getMetadata().getCreationTimestamp()).orElseThrow();
  }

  /** An RFC 3339 time of a status or spec field; empty when absent or unreadable. */
  static Optional<Instant> instant(String rfc3339) {
    if (rfc3339 == null || rfc3339.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(rfc3339).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().isAfter(b.get()) ? a : b;
  }

  private static final class Builder {
    private final List<Instant> slots = new ArrayList<>();
    private final List<Incident> incidents = new ArrayList<>();
    private final List<Condition> conditions = new ArrayList<>();
    private Optional<Instant> lastScheduleTime;
    private Optional<Instant> handled;
    private Optional<Instant> next = Optional.empty();
    private Optional<Duration> wakeUpAfter = Optional.empty();
    private long createdRuns;

    private Builder(Optional<Instant> lastScheduleTime, Optional<Instant> handled, long createdRuns) {
      this.lastScheduleTime = lastScheduleTime;
      this.handled = handled;
      this.createdRuns = createdRuns;
    }

    private Builder valid(String reason, String message) {
      conditions.add(Conditions.condition(EventConditions.SCHEDULE_VALID, true, reason, message));
      return this;
    }

    private Builder notSuspended() {
      conditions.add(
          Conditions.condition(
              EventConditions.SUSPENDED, false, EventReasons.SCHEDULING, "The Event is not suspended."));
      return this;
    }

    private Builder suspended(String reason, String message) {
      conditions.add(Conditions.condition(EventConditions.SUSPENDED, true, reason, message));
      return this;
    }

    private Builder autoPaused(long maxExecutions, EventStatus status, Instant now) {
      String message =
          String.format(
              "maxExecutions (%d) scheduled runs happened; raise or clear maxExecutions to resume.",
              maxExecutions);
      Condition paused =
          Conditions.condition(
              EventConditions.SUSPENDED, true, EventReasons.MAX_EXECUTIONS_REACHED, message);
      if (!Conditions.holds(status.getConditions(), paused)) {
        incidents.add(new Incident(IncidentType.AutoPaused, now, null, message));
      }
      conditions.add(paused);
      return this;
    }

    private void run(Instant slot) {
      slots.add(slot);
      createdRuns++;
      lastScheduleTime = latest(lastScheduleTime, Optional.of(slot));
      handled = latest(handled, Optional.of(slot));
    }

    private SchedulePlan build() {
      return new SchedulePlan(
          slots, lastScheduleTime, handled, next, createdRuns, incidents, conditions, wakeUpAfter);
    }
  }
}
