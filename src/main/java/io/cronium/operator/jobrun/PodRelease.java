package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.JobRun;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Takes {@link ResultTracking#FINALIZER} off a job Pod, as the Job controller drops its tracking
 * finalizer once it has counted a Pod: a Pod whose result is stored must not stay Terminating
 * when the operator is gone (uninstalled, or down while the Pod is deleted).
 */
final class PodRelease {

  private static final Logger LOG = Logger.getLogger(PodRelease.class);

  private PodRelease() {}

  static boolean held(Pod pod) {
    List<String> finalizers = pod.getMetadata().getFinalizers();
    return finalizers != null && finalizers.contains(ResultTracking.FINALIZER);
  }

  /**
   * Releases a Pod of the run being reconciled through the run controller's Pod cache: the cache
   * holds the released Pod at once, so a reconcile of the run before the informer hears of the
   * change does not release it again.
   */
  static void release(Context<JobRun> context, Pod pod) {
    unlessGoneOrChanged(pod, () -> context.resourceOperations().resourcePatch(pod, held -> patch(context.getClient(), held)));
  }

  static void release(KubernetesClient client, Pod pod) {
    unlessGoneOrChanged(pod, () -> patch(client, pod));
  }

  /**
   * Removes the finalizer with a JSON patch that first tests its position: if the finalizers
   * changed meanwhile the patch fails (422) instead of removing another one, and the Pod's change
   * brings it back here.
   */
  private static Pod patch(KubernetesClient client, Pod pod) {
    int index = pod.getMetadata().getFinalizers().indexOf(ResultTracking.FINALIZER);
    String path = "/metadata/finalizers/" + index;
    String patch = "[{\"op\":\"test\",\"path\":\"" + path + "\",\"value\":\"" + ResultTracking.FINALIZER + "\"},"
        + "{\"op\":\"remove\",\"path\":\"" + path + "\"}]";
    return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), patch);
  }

  private static void unlessGoneOrChanged(Pod pod, Supplier<Pod> release) {
    try {
      release.get();
      LOG.debugf("released Pod %s/%s", pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND && e.getCode() != 422) {
        throw e;
      }
      LOG.debugf("Pod %s/%s went or changed while being released", pod.getMetadata().getNamespace(),
          pod.getMetadata().getName());
    }
  }
}
