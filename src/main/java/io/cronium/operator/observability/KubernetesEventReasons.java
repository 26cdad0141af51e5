package io.cronium.operator.observability;

/**
 * Reasons of the Kubernetes Events the operator records, besides the JobRun reasons it repeats
 * (a finished run's Event carries its {@code status.reason}) and the incident types (an
 * incident's Event carries its type). Each has an entry in docs/troubleshooting.md.
 */
public final class KubernetesEventReasons {

  /** Normal, on a JobRun: its Pod was created. */
  public static final String POD_CREATED = "PodCreated";
  /** Normal, on a JobRun: the script started. */
  public static final String STARTED = "Started";
  /** Normal, on an Event: one of its runs succeeded. */
  public static final String RUN_SUCCEEDED = "RunSucceeded";
  /** Warning, on an Event: one of its runs failed or timed out. */
  public static final String RUN_FAILED = "RunFailed";
  /** Normal, on an Event: one of its runs was cancelled. */
  public static final String RUN_CANCELLED = "RunCancelled";
  /** Warning, on an Event: a webhook delivery came, but the webhook's Secret cannot check it. */
  public static final String WEBHOOK_SECRET_UNUSABLE = "WebhookSecretUnusable";

  private KubernetesEventReasons() {}
}
