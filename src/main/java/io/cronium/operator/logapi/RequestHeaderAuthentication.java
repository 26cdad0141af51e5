package io.cronium.operator.logapi;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.MultiMap;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * How the API server's front proxy identifies the users it forwards, as it publishes it in
 * {@code kube-system/extension-apiserver-authentication}: a request is from the proxy when its
 * client certificate verifies against the requestheader CA (and names one of the allowed names,
 * if any are set); only then are its {@code X-Remote-*} headers believed. This is what the
 * Kubernetes requestheader authenticator of every aggregated API server does, checked per request
 * so that a rotated CA takes effect at once.
 */
public final class RequestHeaderAuthentication {

  static final String NAMESPACE = "kube-system";
  static final String CONFIG_MAP = "extension-apiserver-authentication";
  private static final String CLIENT_AUTH_USAGE = "1.3.6.1.5.5.7.3.2";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Set<TrustAnchor> authorities;
  private final Set<String> allowedNames;
  private final List<String> usernameHeaders;
  private final List<String> groupHeaders;
  private final List<String> extraHeaderPrefixes;

  private RequestHeaderAuthentication(Set<TrustAnchor> authorities, Set<String> allowedNames,
      List<String> usernameHeaders, List<String> groupHeaders, List<String> extraHeaderPrefixes) {
    this.authorities = authorities;
    this.allowedNames = allowedNames;
    this.usernameHeaders = usernameHeaders;
    this.groupHeaders = groupHeaders;
    this.extraHeaderPrefixes = extraHeaderPrefixes.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * Reads the ConfigMap's data; empty when it has no requestheader CA (the API server was started
   * without {@code --requestheader-client-ca-file}: then no request can be trusted).
   *
   * @throws IllegalArgumentException when the CA or a list in it cannot be read
   */
  public static Optional<RequestHeaderAuthentication> from(Map<String, String> data) {
    String authorityPem = data.get("requestheader-client-ca-file");
    if (authorityPem == null || authorityPem.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new RequestHeaderAuthentication(
        anchors(authorityPem),
        Set.copyOf(list(data, "requestheader-allowed-names")),
        list(data, "requestheader-username-headers"),
        list(data, "requestheader-group-headers"),
        list(data, "requestheader-extra-headers-prefix")));
  }

  /**
   * The user a request is made for, when it comes from the front proxy.
   *
   * @param peerChain the client's certificate chain, leaf first; empty when it sent none
   * @param headers the request's headers (case-insensitive names)
   * @param now the time certificates must be valid at
   */
  public Optional<RemoteUser> authenticate(List<Certificate> peerChain, MultiMap headers, Instant now) {
    if (peerChain.isEmpty() || !verified(peerChain, now)) {
      return Optional.empty();
    }
    Optional<String> name = usernameHeaders.stream()
        .flatMap(header -> headers.getAll(header).stream())
        .filter(value -> !value.isEmpty())
        .findFirst();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    List<String> groups = groupHeaders.stream().flatMap(header -> headers.getAll(header).stream()).toList();
    return Optional.of(new RemoteUser(name.get(), groups, extra(headers)));
  }

  private Map<String, List<String>> extra(MultiMap headers) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (String header : headers.names()) {
      String lower = header.toLowerCase(Locale.ROOT);
      for (String prefix : extraHeaderPrefixes) {
        if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
          // The proxy escapes keys so that any key fits a header name (as kube's requestheader).
          String key = URLDecoder.decode(lower.substring(prefix.length()), StandardCharsets.UTF_8);
          extra.computeIfAbsent(key, k -> new ArrayList<>()).addAll(headers.getAll(header));
        }
      }
    }
    return extra;
  }

  private boolean verified(List<Certificate> peerChain, Instant now) {
    try {
      X509Certificate leaf = (X509Certificate) peerChain.get(0);
      List<String> usages = leaf.getExtendedKeyUsage();
      if (usages != null && !usages.contains(CLIENT_AUTH_USAGE)) {
        return false;
      }
      PKIXParameters parameters = new PKIXParameters(authorities);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(peerChain), parameters);
      return allowedNames.isEmpty() || allowedNames.contains(commonName(leaf));
    } catch (GeneralSecurityException | ClassCastException | InvalidNameException refused) {
      return false;
    }
  }

  private static String commonName(X509Certificate certificate) throws InvalidNameException {
    for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
      if (rdn.getType().equalsIgnoreCase("CN")) {
        return rdn.getValue().toString();
      }
    }
    return "";
  }

  private static Set<TrustAnchor> anchors(String pem) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
          .stream()
          .map(certificate -> new TrustAnchor((X509Certificate) certificate, null))
          .collect(Collectors.toUnmodifiableSet());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("requestheader-client-ca-file holds no readable certificate", e);
    }
  }

  private static List<String> list(Map<String, String> data, String key) {
    String json = data.get(key);
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return List.copyOf(Serialization.jsonMapper().readValue(json, STRINGS));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(key + " is not a JSON list of strings", e);
    }
  }
}
