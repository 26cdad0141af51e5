package io.cronium.operator.logapi;

import com.github.benmanes.caffeine.cache.Cache;
import io.cronium.operator.config.OperatorSettings;
import io.cronium.operator.logs.ExpiringCaches;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * Whether a user may read a run's log: a SubjectAccessReview for {@code get} on
 * {@code jobruns/log} in {@code logs.cronium.io}, carrying the user's groups and extra (so a
 * scoped token keeps its scope), decided by the API server's authorizers as for any request.
 * Answers are reused for a few seconds.
 */
@ApplicationScoped
public class LogReadAuthorization {

  private static final int MAX_ENTRIES = 10_000;

  private record Question(RemoteUser user, String namespace, String run) {}

  private final KubernetesClient client;
  private final Cache<Question, Boolean> decisions;

  @Inject
  public LogReadAuthorization(KubernetesClient client, OperatorSettings settings, Clock clock) {
    this(client, settings.logApi().accessCacheTtl(), clock);
  }

  LogReadAuthorization(KubernetesClient client, Duration ttl, Clock clock) {
    this.client = client;
    this.decisions = ExpiringCaches.bounded(ttl, MAX_ENTRIES, clock);
  }

  public boolean allowed(RemoteUser user, String namespace, String run) {
    return decisions.get(new Question(user, namespace, run), this::review);
  }

  private boolean review(Question question) {
    SubjectAccessReview review = client.resource(new SubjectAccessReviewBuilder()
        .withNewSpec()
        .withUser(question.user().name())
        .withGroups(question.user().groups())
        .withExtra(question.user().extra())
        .withNewResourceAttributes()
        .withVerb("get")
        .withGroup(LogApiDiscovery.GROUP)
        .withVersion(LogApiDiscovery.VERSION)
        .withResource("jobruns")
        .withSubresource("log")
        .withNamespace(question.namespace())
        .withName(question.run())
        .endResourceAttributes()
        .endSpec()
        .build()).create();
    return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
  }
}
