package io.cronium.tools;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook body: {@code sha256=<lowercase hex HMAC-SHA256 of the body>}, keyed
 * with a shared secret, in header {@value #HEADER} (GitHub's format). The webhook tool sends it;
 * the operator's webhook endpoint checks it.
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Cronium-Signature";
  private static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** @param key a non-empty shared secret */
  public static String of(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  /**
   * Whether {@code signature} is the body's under {@code key}. Compared in constant time, so that
   * how long a refusal takes tells a forger nothing about how much of the guess was right.
   */
  public static boolean matches(String signature, byte[] key, byte[] body) {
    return MessageDigest.isEqual(
        of(key, body).getBytes(StandardCharsets.US_ASCII), signature.strip().getBytes(StandardCharsets.UTF_8));
  }
}
