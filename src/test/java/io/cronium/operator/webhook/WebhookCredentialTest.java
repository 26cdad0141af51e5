package io.cronium.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookCredentialTest {

  private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY = "{\"ref\":\"main\"}".getBytes(StandardCharsets.UTF_8);

  /** Computed here, independently of the code under test, as a sender would. */
  private static String signature(byte[] key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static Optional<WebhookCredential> from(Map<String, String> headers) {
    return WebhookCredential.from(headers::get);
  }

  @Test
  void theSignatureOfTheBodyUnderTheSecretIsAccepted() throws Exception {
    WebhookCredential credential = from(Map.of("X-Cronium-Signature", signature(SECRET, BODY))).orElseThrow();

    assertThat(credential.acceptedBy(SECRET, BODY)).isTrue();
  }

  @Test
  void aSignatureOfAnotherBodyOrUnderAnotherSecretIsRefused() throws Exception {
    WebhookCredential otherBody = from(Map.of("X-Cronium-Signature", signature(SECRET, "{}".getBytes()))).orElseThrow();
    WebhookCredential otherSecret = from(Map.of("X-Cronium-Signature", signature("guess".getBytes(), BODY))).orElseThrow();
    WebhookCredential bareHex =
        from(Map.of("X-Cronium-Signature", signature(SECRET, BODY).substring("sha256=".length()))).orElseThrow();

    assertThat(otherBody.acceptedBy(SECRET, BODY)).isFalse();
    assertThat(otherSecret.acceptedBy(SECRET, BODY)).isFalse();
    assertThat(bareHex.acceptedBy(SECRET, BODY)).isFalse();
  }

  @Test
  void githubsSignatureHeaderIsReadToo() throws Exception {
    WebhookCredential credential = from(Map.of("X-Hub-Signature-256", signature(SECRET, BODY))).orElseThrow();

    assertThat(credential.acceptedBy(SECRET, BODY)).isTrue();
  }

  @Test
  void aBearerTokenEqualToTheSecretIsAcceptedAndAnyOtherRefused() {
    assertThat(from(Map.of("Authorization", "Bearer s3cret")).orElseThrow().acceptedBy(SECRET, BODY)).isTrue();
    assertThat(from(Map.of("Authorization", "bearer s3cret")).orElseThrow().acceptedBy(SECRET, BODY)).isTrue();
    assertThat(from(Map.of("Authorization", "Bearer s3cre")).orElseThrow().acceptedBy(SECRET, BODY)).isFalse();
    assertThat(from(Map.of("Authorization", "Bearer s3cret2")).orElseThrow().acceptedBy(SECRET, BODY)).isFalse();
  }

  @Test
  void noSignatureAndNoBearerTokenIsNoCredential() {
    assertThat(from(Map.of())).isEmpty();
    assertThat(from(Map.of("Authorization", "Basic dXNlcjpwdw=="))).isEmpty();
    assertThat(from(Map.of("Authorization", "Bearer "))).isEmpty();
    assertThat(from(Map.of("X-Cronium-Signature", " "))).isEmpty();
  }

  @Test
  void aCredentialNeverPrintsItsValue() throws Exception {
    String signature = signature(SECRET, BODY);

    assertThat(from(Map.of("X-Cronium-Signature", signature)).orElseThrow().toString())
        .isEqualTo("signature").doesNotContain(signature.substring(7));
    assertThat(from(Map.of("Authorization", "Bearer s3cret")).orElseThrow().toString())
        .isEqualTo("bearer token");
  }
}
