package io.cronium.operator.event;

/** The condition types an Event's status carries (actions add theirs in ActionConditions). */
public final class EventConditions {

  /** False while the Event holds something this operator cannot use; nothing runs then. */
  public static final String SPEC_VALID = "SpecValid";
  public static final String SCHEDULE_VALID = "ScheduleValid";
  public static final String SUSPENDED = "Suspended";

  private EventConditions() {}
}
