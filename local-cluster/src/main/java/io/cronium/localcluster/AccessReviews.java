package io.cronium.localcluster;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Self access reviews answered "allowed": the local cluster has no authorization. Leader election
 * (JOSDK checks lease permissions with a SelfSubjectRulesReview) and {@code kubectl auth can-i}
 * need an answer; the stock mock rejects these objects because they have no name.
 */
final class AccessReviews {

  private static final String PREFIX = "/apis/authorization.k8s.io/v1/";
  private static final Map<String, Object> RULES_REVIEW_STATUS = Map.of(
      "resourceRules", List.of(Map.of("verbs", List.of("*"), "apiGroups", List.of("*"), "resources", List.of("*"))),
      "nonResourceRules", List.of(Map.of("verbs", List.of("*"), "nonResourceURLs", List.of("*"))),
      "incomplete", false);
  private static final Map<String, Object> ACCESS_REVIEW_STATUS = Map.of(
      "allowed", true, "reason", "the local cluster allows everything");

  private AccessReviews() {
  }

  static boolean handles(String resourcePath) {
    return resourcePath.equals(PREFIX + "selfsubjectrulesreviews")
        || resourcePath.equals(PREFIX + "selfsubjectaccessreviews");
  }

  /**
   * Echoes the posted review with an allowing status, as the API server answers a create. A body
   * that is not JSON (kubectl posts protobuf) is answered with the status alone.
   */
  static MockResponse allow(String resourcePath, String contentType, String requestBody) {
    boolean rules = resourcePath.endsWith("selfsubjectrulesreviews");
    Map<String, Object> review = new HashMap<>();
    if (contentType != null && contentType.contains("json") && requestBody != null && !requestBody.isBlank()) {
      review.putAll(Serialization.unmarshal(requestBody, Map.class));
    }
    review.put("apiVersion", "authorization.k8s.io/v1");
    review.put("kind", rules ? "SelfSubjectRulesReview" : "SelfSubjectAccessReview");
    review.put("status", rules ? RULES_REVIEW_STATUS : ACCESS_REVIEW_STATUS);
    return ApiStatus.json(201, Serialization.asJson(review));
  }
}
