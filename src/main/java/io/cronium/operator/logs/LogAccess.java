package io.cronium.operator.logs;

import com.github.benmanes.caffeine.cache.Cache;
import io.cronium.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may read a run's log over HTTP: the caller's bearer token is checked with a TokenReview
 * and the user it names must be allowed {@code get} on the JobRun (a SubjectAccessReview), the
 * same right {@code kubectl get jobrun} needs. The API server decides both, as for any
 * Kubernetes extension server; answers are remembered for a few seconds.
 */
@ApplicationScoped
public class LogAccess {

  public enum Verdict { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

  private static final int MAX_ENTRIES = 10_000;

  private record Question(UserInfo user, String namespace, String run) {}

  private final KubernetesClient client;
  /** Keyed by the token's SHA-256, so that no token is kept in memory longer than a request. */
  private final Cache<String, Optional<UserInfo>> users;
  private final Cache<Question, Boolean> decisions;

  @Inject
  public LogAccess(KubernetesClient client, OperatorSettings settings, Clock clock) {
    this(client, settings.logs().accessCacheTtl(), MAX_ENTRIES, clock);
  }

  LogAccess(KubernetesClient client, Duration ttl, int maxEntries, Clock clock) {
    this.client = client;
    this.users = ExpiringCaches.bounded(ttl, maxEntries, clock);
    this.decisions = ExpiringCaches.bounded(ttl, maxEntries, clock);
  }

  /** @param authorization the request's Authorization header, may be null */
  public Verdict check(String authorization, String namespace, String run) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Verdict.UNAUTHENTICATED;
    }
    String token = authorization.substring(7).strip();
    if (token.isEmpty()) {
      return Verdict.UNAUTHENTICATED;
    }
    Optional<UserInfo> user = users.get(sha256(token), ignored -> review(token));
    if (user.isEmpty()) {
      return Verdict.UNAUTHENTICATED;
    }
    return decisions.get(new Question(user.get(), namespace, run), this::allowed)
        ? Verdict.ALLOWED
        : Verdict.FORBIDDEN;
  }

  private Optional<UserInfo> review(String token) {
    TokenReview review = client.resource(
        new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build()).create();
    return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAuthenticated())
        ? Optional.ofNullable(review.getStatus().getUser())
        : Optional.empty();
  }

  private boolean allowed(Question question) {
    SubjectAccessReview review = client.resource(new SubjectAccessReviewBuilder()
        .withNewSpec()
        .withUser(question.user().getUsername())
        .withUid(question.user().getUid())
        .withGroups(question.user().getGroups())
        .withNewResourceAttributes()
        .withVerb("get")
        .withGroup("cronium.io")
        .withResource("jobruns")
        .withNamespace(question.namespace())
        .withName(question.run())
        .endResourceAttributes()
        .endSpec()
        .build()).create();
    return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }
}
