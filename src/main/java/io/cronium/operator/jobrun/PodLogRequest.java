package io.cronium.operator.jobrun;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@code pods/log} request to a job Pod's container, sent as it is: fabric8's log API (7.5.2)
 * first lists and watches the Pod to wait until it is ready (two requests more per read, and a
 * short-lived informer that logs its own end), and gives its follow stream no HTTP status.
 *
 * <p>A response body read to its end must be left open: closing it cancels the exchange, and
 * the client may already have handed that connection to another request, which then fails with
 * "Connection was closed" (RbacSessionTest saw status updates fail so).
 */
public final class PodLogRequest {

  private PodLogRequest() {
  }

  /** The address with {@code container} set; callers append further {@code &name=value} parameters. */
  public static StringBuilder address(KubernetesClient client, Pod pod) {
    String master = client.getMasterUrl().toString();
    return new StringBuilder(master.endsWith("/") ? master : master + "/")
        .append("api/v1/namespaces/").append(pod.getMetadata().getNamespace())
        .append("/pods/").append(pod.getMetadata().getName())
        .append("/log?container=").append(JobPodBuilder.CONTAINER_NAME);
  }

  /** Gives up a body that was not read to its end, freeing its connection. */
  public static void abandon(InputStream body) {
    if (body == null) {
      return;
    }
    try {
      body.close();
    } catch (IOException alreadyBroken) {
      // nothing more to read from it either way
    }
  }
}
