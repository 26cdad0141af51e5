package io.cronium.operator.testing;

import io.cronium.localcluster.AccessPolicy;
import java.util.Optional;

/**
 * The API server's answer to TokenReviews and SubjectAccessReviews in API-tier tests: token
 * {@value #READER_TOKEN} is a user allowed to get JobRuns, {@value #OUTSIDER_TOKEN} one allowed
 * nothing, and every other token is invalid.
 */
public final class TestAccessPolicy implements AccessPolicy {

  public static final String READER_TOKEN = "reader-token";
  public static final String OUTSIDER_TOKEN = "outsider-token";

  @Override
  public Optional<String> userOf(String token) {
    if (READER_TOKEN.equals(token)) {
      return Optional.of("reader");
    }
    return OUTSIDER_TOKEN.equals(token) ? Optional.of("outsider") : Optional.empty();
  }

  @Override
  public boolean allows(String user, ResourceRequest request) {
    return user.equals("reader") && request.verb().equals("get")
        && request.group().equals("cronium.io") && request.resource().equals("jobruns");
  }
}
