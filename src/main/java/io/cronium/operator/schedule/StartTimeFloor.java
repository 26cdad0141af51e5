package io.cronium.operator.schedule;

import java.time.Instant;
import java.util.Optional;

/** A schedule with no slot before the Event's startTime; slots at or after it are unchanged. */
public final class StartTimeFloor implements Schedule {

  private final Schedule schedule;
  private final Instant startTime;

  public StartTimeFloor(Schedule schedule, Instant startTime) {
    this.schedule = schedule;
    this.startTime = startTime;
  }

  @Override
  public Optional<Instant> nextAfter(Instant t) {
    // Searching from just before startTime lets a slot exactly at startTime count.
    return schedule.nextAfter(t.isBefore(startTime) ? startTime.minusNanos(1) : t);
  }

  @Override
  public Optional<Instant> latestAtOrBefore(Instant t) {
    return schedule.latestAtOrBefore(t).filter(slot -> !slot.isBefore(startTime));
  }

  @Override
  public String toString() {
    return schedule + ", not before " + startTime;
  }
}
