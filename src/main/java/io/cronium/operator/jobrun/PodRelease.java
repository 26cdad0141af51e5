package io.cronium.operator.jobrun;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.List;
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
   * Removes the finalizer with a JSON patch that first tests its position: if the finalizers
   * changed meanwhile the patch fails (422) instead of removing another one, and the Pod's change
   * brings it back here.
   */
  static void release(KubernetesClient client, Pod pod) {
    int index = pod.getMetadata().getFinalizers().indexOf(ResultTracking.FINALIZER);
    String path = "/metadata/finalizers/" + index;
    String patch = "[{\"op\":\"test\",\"path\":\"" + path + "\",\"value\":\"" + ResultTracking.FINALIZER + "\"},"
        + "{\"op\":\"remove\",\"path\":\"" + path + "\"}]";
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON), patch);
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
