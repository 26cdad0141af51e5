package io.cronium.operator.status;

import io.cronium.api.v1alpha1.EventReasons;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.util.Optional;

/**
 * What a reconcile that threw tells the user: the error in a sentence, and whether the operator
 * retries soon or, its retries used up, at the latest after the maximum reconciliation interval.
 * The same error gives the same text on every attempt, so repeating it writes nothing new.
 */
public final class ReconcileErrors {

  /** The condition type; present, with status False, only while the last reconcile failed. */
  public static final String CONDITION_TYPE = "Reconciled";
  /**
   * The longest an Event or JobRun goes without a reconcile, whatever happened: the safety net
   * for a missed event or used-up retries (JOSDK's default is 10 hours).
   */
  public static final long MAX_INTERVAL_MINUTES = 5;

  private static final int MESSAGE_LIMIT = 1024;

  private ReconcileErrors() {}

  public static Condition condition(Exception error, Optional<RetryInfo> retry) {
    return Conditions.condition(CONDITION_TYPE, false, EventReasons.RECONCILE_ERROR, message(error, retry));
  }

  public static String message(Exception error, Optional<RetryInfo> retry) {
    String cause = apiError(error)
        .map(api -> "the API server answered " + api.getCode() + ": " + statusMessage(api))
        .orElseGet(() -> rootCause(error).getClass().getSimpleName() + ": " + rootCause(error).getMessage());
    String next =
        retry.map(RetryInfo::isLastAttempt).orElse(false)
            ? "; retries used up, the next attempt comes within " + MAX_INTERVAL_MINUTES
                + " minutes or on any change"
            : "; retrying with backoff";
    String text = cause + next;
    return text.length() <= MESSAGE_LIMIT ? text : text.substring(0, MESSAGE_LIMIT - 1) + "…";
  }

  /** The API server's answer, wherever the framework wrapped it. */
  private static Optional<KubernetesClientException> apiError(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof KubernetesClientException api && api.getCode() > 0) {
        return Optional.of(api);
      }
    }
    return Optional.empty();
  }

  private static Throwable rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String statusMessage(KubernetesClientException api) {
    return api.getStatus() != null && api.getStatus().getMessage() != null
        ? api.getStatus().getMessage()
        : api.getMessage();
  }
}
