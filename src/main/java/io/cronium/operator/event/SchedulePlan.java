package io.cronium.operator.event;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.Incident;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduler does in one reconcile, and the schedule half of the Event's status.
 *
 * @param slotsToRun slots to create a JobRun for now, oldest first
 * @param lastScheduleTime the latest slot a run was created for, including {@code slotsToRun}
 * @param lastHandledSlot the latest slot decided, run or not
 * @param nextScheduleTime the next slot due, empty when nothing is scheduled
 * @param scheduledRuns runs created by the scheduler, including {@code slotsToRun}
 * @param newIncidents incidents this reconcile found, oldest first
 * @param conditions ScheduleValid and Suspended, without transition times
 * @param wakeUpAfter when to reconcile again at the latest, empty when no slot is coming
 */
public record SchedulePlan(
    List<Instant> slotsToRun,
    Optional<Instant> lastScheduleTime,
    Optional<Instant> lastHandledSlot,
    Optional<Instant> nextScheduleTime,
    long scheduledRuns,
    List<Incident> newIncidents,
    List<Condition> conditions,
    Optional<Duration> wakeUpAfter) {

  public SchedulePlan {
    slotsToRun = List.copyOf(slotsToRun);
    newIncidents = List.copyOf(newIncidents);
    conditions = List.copyOf(conditions);
  }
}
