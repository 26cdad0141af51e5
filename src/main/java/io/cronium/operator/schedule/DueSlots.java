package io.cronium.operator.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduler should do now, and the facts behind it for the Event's incidents.
 *
 * <p>Slots are counted only up to 101, as CronJob stops counting past 100: an expiredCount of 101
 * means "more than 100", and when {@link #tooManyMissed()} is true missedCount and
 * catchupOverflowCount are lower bounds.
 *
 * @param slotsToRun the slots to start a run for now, oldest first
 * @param nextFireTime the first slot strictly after now (and after lastScheduleTime); requeue then
 * @param handledThrough the latest unmet slot this decision covers, run or not; store it as the new
 *     lastScheduleTime so the same slots are neither run nor reported again. Empty when no slot was
 *     unmet
 * @param missedCount unmet slots within the deadline that the policy did not run (Missed incidents)
 * @param expiredCount unmet slots older than startingDeadlineSeconds, dropped without running
 * @param catchupOverflowCount RunAll only: unmet slots beyond the 25 that run (CatchupOverflow)
 * @param tooManyMissed more than 100 unmet slots within the deadline, as CronJob warns: a clock
 *     problem or a long outage; a starting deadline bounds the catch-up
 */
public record DueSlots(
    List<Instant> slotsToRun,
    Optional<Instant> nextFireTime,
    Optional<Instant> handledThrough,
    int missedCount,
    int expiredCount,
    int catchupOverflowCount,
    boolean tooManyMissed) {

  public DueSlots {
    slotsToRun = List.copyOf(slotsToRun);
  }

  /** Whether startingDeadlineSeconds kept some unmet slot from running. */
  public boolean deadlineExcludedSlots() {
    return expiredCount > 0;
  }
}
