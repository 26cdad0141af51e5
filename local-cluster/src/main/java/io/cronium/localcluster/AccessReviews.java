package io.cronium.localcluster;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Access reviews. Self access reviews are answered "allowed": the local cluster has no
 * authorization. Token and subject access reviews are answered by an {@link AccessPolicy}. Leader election
 * (JOSDK checks lease permissions with a SelfSubjectRulesReview) and {@code kubectl auth can-i}
 * need an answer; the stock mock rejects these objects because they have no name.
 */
final class AccessReviews {

  private static final String PREFIX = "/apis/authorization.k8s.io/v1/";
  private static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
  private static final String SUBJECT_ACCESS_REVIEWS = PREFIX + "subjectaccessreviews";
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
        || resourcePath.equals(PREFIX + "selfsubjectaccessreviews")
        || resourcePath.equals(TOKEN_REVIEWS)
        || resourcePath.equals(SUBJECT_ACCESS_REVIEWS);
  }

  /** Answers any review {@link #handles} accepts; token and subject reviews by {@code policy}. */
  static MockResponse respond(String resourcePath, String contentType, String requestBody, AccessPolicy policy) {
    if (resourcePath.equals(TOKEN_REVIEWS)) {
      return tokenReview(requestBody, policy);
    }
    if (resourcePath.equals(SUBJECT_ACCESS_REVIEWS)) {
      return subjectAccessReview(requestBody, policy);
    }
    return allow(resourcePath, contentType, requestBody);
  }

  private static MockResponse tokenReview(String requestBody, AccessPolicy policy) {
    Map<String, Object> review = new HashMap<>(Serialization.unmarshal(requestBody, Map.class));
    Object spec = review.get("spec");
    String token = spec instanceof Map<?, ?> fields ? (String) fields.get("token") : null;
    Optional<String> user = policy.userOf(token);
    review.put("status", user
        .<Map<String, Object>>map(name -> Map.of("authenticated", true,
            "user", Map.of("username", name, "groups", List.of("system:authenticated"))))
        .orElse(Map.of("authenticated", false, "error", "invalid bearer token")));
    return ApiStatus.json(201, Serialization.asJson(review));
  }

  private static MockResponse subjectAccessReview(String requestBody, AccessPolicy policy) {
    Map<String, Object> review = new HashMap<>(Serialization.unmarshal(requestBody, Map.class));
    Map<?, ?> spec = review.get("spec") instanceof Map<?, ?> fields ? fields : Map.of();
    Map<?, ?> attributes = spec.get("resourceAttributes") instanceof Map<?, ?> fields ? fields : Map.of();
    boolean allowed = policy.allows(String.valueOf(spec.get("user")), new AccessPolicy.ResourceRequest(
        (String) attributes.get("verb"), (String) attributes.get("group"), (String) attributes.get("resource"),
        (String) attributes.get("namespace"), (String) attributes.get("name")));
    review.put("status", allowed
        ? Map.of("allowed", true, "reason", "allowed by the local cluster's access policy")
        : Map.of("allowed", false, "reason", "denied by the local cluster's access policy"));
    return ApiStatus.json(201, Serialization.asJson(review));
  }

  /**
   * Echoes the posted review with an allowing status, as the API server answers a create. A body
   * that is not JSON (kubectl posts protobuf) is answered with the status alone.
   */
  private static MockResponse allow(String resourcePath, String contentType, String requestBody) {
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
