package io.cronium.operator.webhook;

import io.cronium.tools.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a delivery presents to prove it knows the Event's shared secret: a signature of its body
 * or a bearer token. Never printed: {@link #toString()} names only the kind.
 */
final class WebhookCredential {

  /** GitHub signs in the same format under its own header, and cannot send another. */
  static final String GITHUB_SIGNATURE_HEADER = "X-Hub-Signature-256";
  private static final String BEARER = "bearer ";

  private enum Kind {
    SIGNATURE,
    BEARER_TOKEN
  }

  private final Kind kind;
  private final String value;

  private WebhookCredential(Kind kind, String value) {
    this.kind = kind;
    this.value = value;
  }

  /** The credential in a request's headers (a signature before a token), if any. */
  static Optional<WebhookCredential> from(UnaryOperator<String> headers) {
    for (String header : new String[] {WebhookSignature.HEADER, GITHUB_SIGNATURE_HEADER}) {
      String signature = headers.apply(header);
      if (signature != null && !signature.isBlank()) {
        return Optional.of(new WebhookCredential(Kind.SIGNATURE, signature));
      }
    }
    String authorization = headers.apply("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).strip();
      if (!token.isEmpty()) {
        return Optional.of(new WebhookCredential(Kind.BEARER_TOKEN, token));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether this credential proves knowledge of {@code secret} (non-empty) for {@code body}. Both
   * checks take the same time whatever the guess: a token is compared by its hash, so that not
   * even the secret's length shows.
   */
  boolean acceptedBy(byte[] secret, byte[] body) {
    return switch (kind) {
      case SIGNATURE -> WebhookSignature.matches(value, secret, body);
      case BEARER_TOKEN -> MessageDigest.isEqual(sha256(value.getBytes(StandardCharsets.UTF_8)), sha256(secret));
    };
  }

  @Override
  public String toString() {
    return kind == Kind.SIGNATURE ? "signature" : "bearer token";
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
