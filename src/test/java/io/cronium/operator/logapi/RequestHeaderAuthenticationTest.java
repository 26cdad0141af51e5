package io.cronium.operator.logapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cronium.localcluster.controlplane.Pki;
import io.vertx.core.MultiMap;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestHeaderAuthenticationTest {

  private static final Pki FRONT_PROXY = Pki.newAuthority("front-proxy-ca");
  private static final Pki.Issued PROXY = FRONT_PROXY.client("front-proxy-client", List.of());
  private static final Instant NOW = Instant.now();

  /** As the API server publishes it in kube-system/extension-apiserver-authentication. */
  private static final Map<String, String> PUBLISHED = Map.of(
      "requestheader-client-ca-file", FRONT_PROXY.authority().certificatePem(),
      "requestheader-allowed-names", "[\"front-proxy-client\"]",
      "requestheader-username-headers", "[\"X-Remote-User\"]",
      "requestheader-group-headers", "[\"X-Remote-Group\"]",
      "requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]");

  private final RequestHeaderAuthentication authentication = RequestHeaderAuthentication.from(PUBLISHED).orElseThrow();

  private static MultiMap forwarded() {
    return MultiMap.caseInsensitiveMultiMap()
        .add("X-Remote-User", "alice")
        .add("X-Remote-Group", "team-a")
        .add("X-Remote-Group", "system:authenticated")
        .add("x-remote-extra-scopes", "read")
        .add("X-Remote-Extra-Authentication.kubernetes.io%2fpod-name", "web-1");
  }

  private static List<Certificate> chain(Pki.Issued issued) {
    return List.of(issued.certificate());
  }

  @Test
  void theFrontProxysCertificateMakesItsHeadersTheUser() {
    Optional<RemoteUser> user = authentication.authenticate(chain(PROXY), forwarded(), NOW);

    assertThat(user).contains(new RemoteUser("alice", List.of("team-a", "system:authenticated"),
        Map.of("scopes", List.of("read"), "authentication.kubernetes.io/pod-name", List.of("web-1"))));
  }

  @Test
  void withoutAClientCertificateTheHeadersAreNotBelieved() {
    assertThat(authentication.authenticate(List.of(), forwarded(), NOW)).isEmpty();
  }

  @Test
  void aCertificateOfAnotherAuthorityIsNotBelieved() {
    Pki.Issued forged = Pki.newAuthority("front-proxy-ca").client("front-proxy-client", List.of());

    assertThat(authentication.authenticate(chain(forged), forwarded(), NOW)).isEmpty();
  }

  @Test
  void aCertificateOfTheAuthorityForANameNotAllowedIsNotBelieved() {
    Pki.Issued other = FRONT_PROXY.client("someone-else", List.of());

    assertThat(authentication.authenticate(chain(other), forwarded(), NOW)).isEmpty();
  }

  @Test
  void aServingCertificateOfTheAuthorityIsNotAClientCertificate() {
    Pki.Issued serving = FRONT_PROXY.server("front-proxy-client", List.of("proxy.example"));

    assertThat(authentication.authenticate(chain(serving), forwarded(), NOW)).isEmpty();
  }

  @Test
  void anExpiredCertificateIsNotBelieved() {
    assertThat(authentication.authenticate(chain(PROXY), forwarded(), NOW.plus(Duration.ofDays(400)))).isEmpty();
  }

  @Test
  void withNoAllowedNamesAnyClientCertificateOfTheAuthorityIsTheProxy() {
    Map<String, String> published = new java.util.HashMap<>(PUBLISHED);
    published.put("requestheader-allowed-names", "[]");
    Pki.Issued other = FRONT_PROXY.client("someone-else", List.of());

    assertThat(RequestHeaderAuthentication.from(published).orElseThrow()
        .authenticate(chain(other), forwarded(), NOW)).map(RemoteUser::name).contains("alice");
  }

  @Test
  void aRequestWithoutAUserNameIsNotAuthenticated() {
    MultiMap headers = forwarded().remove("X-Remote-User");

    assertThat(authentication.authenticate(chain(PROXY), headers, NOW)).isEmpty();
  }

  @Test
  void withoutARequestHeaderAuthorityNothingCanBeTrusted() {
    assertThat(RequestHeaderAuthentication.from(Map.of("client-ca-file", "x"))).isEmpty();
  }

  @Test
  void anUnreadableAuthorityIsAnError() {
    assertThatThrownBy(() -> RequestHeaderAuthentication.from(Map.of("requestheader-client-ca-file", "not a PEM")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestheader-client-ca-file");
  }
}
