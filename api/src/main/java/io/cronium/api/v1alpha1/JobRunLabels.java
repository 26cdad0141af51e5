package io.cronium.api.v1alpha1;

/** Label and annotation keys the operator puts on the objects it creates. */
public final class JobRunLabels {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "cronium-operator";
  /**
   * On JobRuns and job Pods: the Event the run belongs to (Event names are at most 52
   * characters).
   */
  public static final String EVENT = "cronium.io/event";
  /** On scheduled JobRuns: the nominal slot the run is for (RFC 3339). */
  public static final String NOMINAL_TIME = "cronium.io/nominal-time";
  /** On runs started by a runEvent action: the run whose action started it. */
  public static final String PREDECESSOR = "cronium.io/predecessor";
  /** On job Pods: the run's timeout, read back when translating the Pod's status. */
  public static final String TIMEOUT_SECONDS = "cronium.io/timeout-seconds";

  /**
   * On job Pods of Events with {@code egress: None}, value {@code None}: the chart's NetworkPolicies
   * select on it to deny those Pods all egress.
   */
  public static final String EGRESS = "cronium.io/egress";

  /** Selects the Pods this operator created, so its Pod informer ignores everyone else's. */
  public static final String MANAGED_PODS_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  private JobRunLabels() {}
}
