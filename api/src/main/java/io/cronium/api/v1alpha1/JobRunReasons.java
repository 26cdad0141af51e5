package io.cronium.api.v1alpha1;

/**
 * Every reason the operator writes to {@code JobRun.status.reason}. Each has an entry in
 * docs/troubleshooting.md.
 */
public final class JobRunReasons {

  /** The script exited 0. */
  public static final String COMPLETED = "Completed";
  /** The script exited non-zero. */
  public static final String SCRIPT_FAILED = "ScriptFailed";
  /** runtime-api could not run the script (bad spec, missing interpreter). */
  public static final String RUNTIME_ERROR = "RuntimeError";
  /** runtime-api stopped the script at the Event's timeoutSeconds. */
  public static final String TIMED_OUT = "TimedOut";
  /** No result arrived within timeoutSeconds plus the grace; the operator stopped the Pod. */
  public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
  /** The runtime image cannot be pulled or is not a valid reference. */
  public static final String IMAGE_PULL_FAILED = "ImagePullFailed";
  /** The container could not be created or started (e.g. a referenced Secret is missing). */
  public static final String POD_START_FAILED = "PodStartFailed";
  /** A Secret or ConfigMap (or a key in one) that the Event's env refers to does not exist. */
  public static final String ENV_SOURCE_NOT_FOUND = "EnvSourceNotFound";
  /** The container was killed for exceeding its memory limit. */
  public static final String OUT_OF_MEMORY = "OOMKilled";
  /** The Pod disappeared (deleted, evicted, node lost) before it reported a result. */
  public static final String POD_LOST = "PodLost";
  /** The run itself cannot be carried out (no spec.eventRef, from an older or newer CRD). */
  public static final String INVALID_SPEC = "InvalidSpec";
  /** The Event exists but holds something this operator cannot use (its SpecValid=False). */
  public static final String EVENT_INVALID = "EventInvalid";
  /** The Event named in spec.eventRef does not exist (yet). */
  public static final String EVENT_NOT_FOUND = "EventNotFound";
  /** The API server refused the run's Pod (ResourceQuota, LimitRange, Pod Security admission, RBAC). */
  public static final String POD_REJECTED = "PodRejected";
  /** The Event's script plus the run's input are too large to hand to a Pod. */
  public static final String RUN_SPEC_TOO_LARGE = "RunSpecTooLarge";
  /** An attempt failed and the Event's retries.limit allows another, which starts later. */
  public static final String RETRY_SCHEDULED = "RetryScheduled";
  /** The script set variables that could not be merged into the namespace's ConfigMap. */
  public static final String VARIABLES_NOT_SAVED = "VariablesNotSaved";
  /**
   * The script ended, but the result runtime-api wrote to its log (output, variables, sends) could
   * not be read from the node.
   */
  public static final String RESULT_NOT_READ = "ResultNotRead";
  /** The container ended; its result is in the log, which the operator is still reading. */
  public static final String READING_RESULT = "ReadingResult";
  /** spec.cancel was set: the operator stopped the run's Pod. */
  public static final String CANCELLED = "Cancelled";
  /** The Pod exists and waits to be scheduled or for its container to start. */
  public static final String POD_PENDING = "PodPending";

  /** Another run of the Event is active; concurrencyPolicy Queue holds this one until it ends. */
  public static final String QUEUED = "Queued";
  /** Another run of the Event is active and its concurrencyPolicy is Forbid. */
  public static final String CONCURRENCY_FORBIDDEN = "ConcurrencyForbidden";
  /** concurrencyPolicy Queue already holds a waiting run; this one did not start. */
  public static final String QUEUE_FULL = "QueueFull";

  private JobRunReasons() {}
}
