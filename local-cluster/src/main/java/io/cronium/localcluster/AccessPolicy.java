package io.cronium.localcluster;

import java.util.Optional;

/**
 * Who a bearer token is and what they may do, as the API server answers TokenReviews and
 * SubjectAccessReviews (for components that authenticate their own clients, such as a webhook
 * or an aggregated API). The local cluster has no users: by default every non-empty token is
 * {@value #LOCAL_USER} and everything is allowed; tests plug their own.
 */
public interface AccessPolicy {

  String LOCAL_USER = "local-user";

  AccessPolicy ALLOW_ALL = new AccessPolicy() {
    @Override
    public Optional<String> userOf(String token) {
      return token == null || token.isBlank() ? Optional.empty() : Optional.of(LOCAL_USER);
    }

    @Override
    public boolean allows(String user, ResourceRequest request) {
      return true;
    }
  };

  /** The user the token authenticates, or empty when it authenticates no one. */
  Optional<String> userOf(String token);

  boolean allows(String user, ResourceRequest request);

  /** The resource attributes of a SubjectAccessReview. */
  record ResourceRequest(String verb, String group, String resource, String namespace, String name) {}
}
