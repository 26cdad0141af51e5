package io.cronium.operator.jobrun;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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

  private static final int MAX_REFUSAL_BYTES = 64 * 1024;

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

  /**
   * Reads a refusal's body (a small Status) to its end and leaves it open, as any body read to its
   * end must be; closing it unread could close a connection another request was handed.
   *
   * @return its text; empty when there is none or it is too long to be a Status (then given up)
   */
  public static String readRefusal(InputStream body) {
    if (body == null) {
      return "";
    }
    try {
      byte[] read = body.readNBytes(MAX_REFUSAL_BYTES);
      if (read.length == MAX_REFUSAL_BYTES && body.read() >= 0) {
        abandon(body);
        return "";
      }
      return new String(read, StandardCharsets.UTF_8);
    } catch (IOException alreadyBroken) {
      return "";
    }
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
