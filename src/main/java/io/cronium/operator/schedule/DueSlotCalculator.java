package io.cronium.operator.schedule;

import io.cronium.api.v1alpha1.MissedRunPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes CronJob v2's "most recent unmet slot" computation, as a pure function, extended with
 * Cronium's missed-run policies.
 *
 * <p>A slot is unmet when {@code lastScheduleTime < slot <= now} (the creation time stands in for a
 * missing lastScheduleTime, so nothing before the Event existed ever runs). With
 * startingDeadlineSeconds, unmet slots earlier than {@code now - deadline} have expired: they are
 * counted but never run. The remaining unmet slots are eligible, and the policy picks from them.
 *
 * <p>Cost is bounded whatever the outage: eligible and expired slots are counted only up to 101 (as
 * CronJob stops at 100), and the slots to run are found by searching back from now, so being ten
 * days behind an every-minute schedule costs about 200 slot look-ups, not 14,400.
 */
public final class DueSlotCalculator {

  /** RunAll starts at most this many runs at once. */
  public static final int RUN_ALL_LIMIT = 25;

  /**
   * More unmet slots than this is reported as {@link DueSlots#tooManyMissed()}, as CronJob does.
   */
  public static final int TOO_MANY_MISSED = 100;

  /** How late Skip may still start the latest slot when no starting deadline is set. */
  public static final Duration SKIP_TOLERANCE = Duration.ofSeconds(60);

  private static final int COUNT_LIMIT = TOO_MANY_MISSED + 1;

  private DueSlotCalculator() {}

  /**
   * @param schedule the Event's schedule, startTime floor included
   * @param creationTime when the Event was created; the earliest point when lastScheduleTime is
   *     null
   * @param lastScheduleTime the latest slot already handled, or null if none yet
   * @param now the current time, from the injected clock
   * @param startingDeadlineSeconds how late a slot may still start, or null for no limit
   */
  public static DueSlots calculate(
      Schedule schedule,
      Instant creationTime,
      Instant lastScheduleTime,
      Instant now,
      Long startingDeadlineSeconds,
      MissedRunPolicy policy) {
    if (startingDeadlineSeconds != null && startingDeadlineSeconds < 0) {
      throw new IllegalArgumentException("startingDeadlineSeconds must not be negative");
    }
    Instant handled = lastScheduleTime != null ? lastScheduleTime : creationTime;
    // After clock skew lastScheduleTime can be ahead of now; never offer a slot already handled.
    Optional<Instant> nextFireTime = schedule.nextAfter(handled.isAfter(now) ? handled : now);
    Optional<Instant> latest = schedule.latestAtOrBefore(now).filter(slot -> slot.isAfter(handled));
    if (latest.isEmpty()) {
      return new DueSlots(List.of(), nextFireTime, Optional.empty(), 0, 0, 0, false);
    }

    Instant cutoff =
        startingDeadlineSeconds == null ? null : now.minusSeconds(startingDeadlineSeconds);
    boolean deadlineCutsIn = cutoff != null && cutoff.isAfter(handled);
    // Eligible slots are those in (eligibleAfter, now]; expired ones in (handled, eligibleAfter].
    Instant eligibleAfter = deadlineCutsIn ? cutoff.minusNanos(1) : handled;
    int expired = deadlineCutsIn ? countUpToLimit(schedule, handled, eligibleAfter) : 0;
    int eligible = countUpToLimit(schedule, eligibleAfter, now);
    Optional<Instant> latestEligible = latest.filter(slot -> slot.isAfter(eligibleAfter));

    List<Instant> slotsToRun =
        switch (policy) {
          case Skip ->
              latestEligible.filter(slot -> isOnTime(slot, now, startingDeadlineSeconds)).stream()
                  .toList();
          case RunOnce -> latestEligible.stream().toList();
          case RunAll -> mostRecent(schedule, latestEligible, eligibleAfter, RUN_ALL_LIMIT);
        };
    int notRun = eligible - slotsToRun.size();
    boolean runAll = policy == MissedRunPolicy.RunAll;
    return new DueSlots(
        slotsToRun,
        nextFireTime,
        latest,
        runAll ? 0 : notRun,
        expired,
        runAll ? notRun : 0,
        eligible > TOO_MANY_MISSED);
  }

  /**
   * Skip's test: started within the starting deadline, or within {@link #SKIP_TOLERANCE} without
   * one.
   */
  private static boolean isOnTime(Instant slot, Instant now, Long startingDeadlineSeconds) {
    Duration tolerance =
        startingDeadlineSeconds == null
            ? SKIP_TOLERANCE
            : Duration.ofSeconds(startingDeadlineSeconds);
    return !slot.isBefore(now.minus(tolerance));
  }

  private static int countUpToLimit(Schedule schedule, Instant fromExclusive, Instant toInclusive) {
    return (int) schedule.slotsBetween(fromExclusive, toInclusive).limit(COUNT_LIMIT).count();
  }

  /** Up to {@code limit} slots after {@code after}, ending with {@code latest}, oldest first. */
  private static List<Instant> mostRecent(
      Schedule schedule, Optional<Instant> latest, Instant after, int limit) {
    List<Instant> slots = new ArrayList<>();
    Optional<Instant> slot = latest;
    while (slot.isPresent() && slots.size() < limit) {
      slots.add(slot.get());
      slot = schedule.latestAtOrBefore(slot.get().minusNanos(1)).filter(s -> s.isAfter(after));
    }
    Collections.reverse(slots);
    return slots;
  }
}
