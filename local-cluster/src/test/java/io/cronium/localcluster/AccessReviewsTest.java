package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AccessReviewsTest {

  /** "alice" may get widgets in namespace "a" only; "alice-token" is her token. */
  private static final AccessPolicy POLICY = new AccessPolicy() {
    @Override
    public Optional<String> userOf(String token) {
      return "alice-token".equals(token) ? Optional.of("alice") : Optional.empty();
    }

    @Override
    public boolean allows(String user, ResourceRequest request) {
      return user.equals("alice") && request.namespace().equals("a") && request.verb().equals("get");
    }
  };

  @Test
  void tokenAndSubjectAccessReviewsAreAnsweredByThePolicy() {
    try (LocalCluster cluster = LocalCluster.builder().accessPolicy(POLICY).start()) {
      TokenReview alice = cluster.client().resource(new TokenReviewBuilder()
          .withNewSpec().withToken("alice-token").endSpec().build()).create();
      TokenReview stranger = cluster.client().resource(new TokenReviewBuilder()
          .withNewSpec().withToken("forged").endSpec().build()).create();

      assertThat(alice.getStatus().getAuthenticated()).isTrue();
      assertThat(alice.getStatus().getUser().getUsername()).isEqualTo("alice");
      assertThat(stranger.getStatus().getAuthenticated()).isFalse();
      assertThat(review(cluster, "a").getStatus().getAllowed()).isTrue();
      assertThat(review(cluster, "b").getStatus().getAllowed()).isFalse();
    }
  }

  @Test
  void byDefaultAnyTokenIsTheLocalUserWhoMayDoAnything() {
    try (LocalCluster cluster = LocalCluster.builder().start()) {
      TokenReview review = cluster.client().resource(new TokenReviewBuilder()
          .withNewSpec().withToken("anything").endSpec().build()).create();

      assertThat(review.getStatus().getUser().getUsername()).isEqualTo(AccessPolicy.LOCAL_USER);
      assertThat(review(cluster, "b").getStatus().getAllowed()).isTrue();
    }
  }

  private static SubjectAccessReview review(LocalCluster cluster, String namespace) {
    return cluster.client().resource(new SubjectAccessReviewBuilder().withNewSpec()
        .withUser("alice")
        .withNewResourceAttributes().withVerb("get").withGroup("test.localcluster.io").withResource("widgets")
        .withNamespace(namespace).withName("w").endResourceAttributes()
        .endSpec().build()).create();
  }
}
