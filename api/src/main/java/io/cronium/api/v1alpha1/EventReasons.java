package io.cronium.api.v1alpha1;

/**
 * Every reason the operator writes to an Event's conditions. Each has an entry in
 * docs/troubleshooting.md.
 */
public final class EventReasons {

  /** ScheduleValid=True: the schedule reads fine; SpecValid=True: the operator can run the Event. */
  public static final String VALID = "Valid";
  /** ScheduleValid=True: no schedule; the Event runs only by hand. */
  public static final String NO_SCHEDULE = "NoSchedule";
  /** SpecValid=False: a field this operator cannot use; the message names it. */
  public static final String INVALID_SPEC = "InvalidSpec";
  /** ScheduleValid=False: see the message. */
  public static final String INVALID_SCHEDULE = "InvalidSchedule";
  /** Suspended=True because spec.suspend is true. */
  public static final String SUSPENDED_BY_SPEC = "SuspendedBySpec";
  /** Suspended=True because maxExecutions scheduled runs happened. */
  public static final String MAX_EXECUTIONS_REACHED = "MaxExecutionsReached";
  /** Suspended=False. */
  public static final String SCHEDULING = "Scheduling";
  /**
   * Reconciled=False: the last reconcile failed (the message says how); on a JobRun the same
   * reason names a Warning Kubernetes Event. Gone after the next reconcile that succeeds.
   */
  public static final String RECONCILE_ERROR = "ReconcileError";

  private EventReasons() {}
}
