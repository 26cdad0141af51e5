package io.cronium.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.HttpURLConnection;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes a primary resource's status with optimistic locking: the PUT carries the
 * resourceVersion the reconcile computed from, so a status derived from a stale view never
 * lands, and the written object is cached so the next reconcile reads its own write.
 */
public final class StatusWriter {

  private static final Logger LOG = Logger.getLogger(StatusWriter.class);

  private StatusWriter() {}

  /**
   * Skips the write when the resource changed since it was read (its change event triggers a
   * fresh reconcile, so there is nothing to retry here) or was deleted meanwhile.
   *
   * @return whether the status landed (callers report a transition only once it did)
   */
  public static <P extends HasMetadata> boolean write(P resourceWithNewStatus, Context<P> context) {
    return writeAndGet(resourceWithNewStatus, context).isPresent();
  }

  /** As {@link #write}, giving the written resource (with its new resourceVersion) when it landed. */
  public static <P extends HasMetadata> Optional<P> writeAndGet(P resourceWithNewStatus, Context<P> context) {
    try {
      return Optional.of(context.resourceOperations().updatePrimaryStatus(resourceWithNewStatus));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        LOG.debugf(
            "%s/%s was deleted meanwhile; its status has no one left to read it",
            resourceWithNewStatus.getMetadata().getNamespace(),
            resourceWithNewStatus.getMetadata().getName());
        return Optional.empty();
      }
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      LOG.debugf(
          "status of %s/%s changed meanwhile; the newer version reconciles next",
          resourceWithNewStatus.getMetadata().getNamespace(),
          resourceWithNewStatus.getMetadata().getName());
      return Optional.empty();
    }
  }
}
