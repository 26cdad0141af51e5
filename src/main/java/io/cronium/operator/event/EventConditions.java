package io.cronium.operator.event;

/** The condition types an Event's status carries (actions add theirs in ActionConditions). */
public final class EventConditions {

  public static final String SCHEDULE_VALID = "ScheduleValid";
  public static final String SUSPENDED = "Suspended";

  private EventConditions() {}
}
