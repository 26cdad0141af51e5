package io.cronium.operator.jobrun;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * Whether the API server's refusal of a job Pod is final: 403 (ResourceQuota, Pod Security
 * admission, RBAC) and 422 (an invalid Pod, a LimitRange) answer the same Pod the same way again.
 * Only a missing default ServiceAccount in a brand-new namespace is worth another try: the
 * controller manager creates it within moments.
 */
final class PodRejection {

  private static final int UNPROCESSABLE = 422;
  private static final String NO_SERVICE_ACCOUNT_YET = "error looking up service account";

  private PodRejection() {}

  static boolean isFinal(KubernetesClientException e) {
    boolean refused = e.getCode() == HttpURLConnection.HTTP_FORBIDDEN || e.getCode() == UNPROCESSABLE;
    return refused && !String.valueOf(apiMessage(e)).contains(NO_SERVICE_ACCOUNT_YET);
  }

  /** The run's status message: which Pod, and the API server's own words. */
  static String message(String podName, KubernetesClientException e) {
    return "the API server refused Pod " + podName + ": " + apiMessage(e);
  }

  private static String apiMessage(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
  }
}
