package io.cronium.localcluster.controlplane;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away certificate authority for one control plane: it signs the API server's serving
 * certificate, the client certificates that name each component's user (the API server's
 * {@code --client-ca-file} authenticator reads the user from CN and the groups from O), and the
 * node's serving certificate.
 */
public final class Pki {

  private static final Duration VALIDITY = Duration.ofDays(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Issued authority;
  private final AtomicLong serials = new AtomicLong(2);

  /** A certificate with its private key, each writable as PEM. */
  public record Issued(X509Certificate certificate, PrivateKey key) {

    public String certificatePem() {
      return pem(certificate);
    }

    public String keyPem() {
      return pem(key);
    }

    /** A PKCS#12 key store holding this key and certificate under {@code alias}, for JDK servers. */
    public KeyStore keyStore(String alias, char[] password) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, password, new Certificate[] {certificate});
        return store;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("cannot build a key store", e);
      }
    }
  }

  private Pki(Issued authority) {
    this.authority = authority;
  }

  /** A new self-signed CA named {@code commonName}. */
  public static Pki newAuthority(String commonName) {
    KeyPair keys = newKeyPair();
    X500Name name = name(commonName, List.of());
    X509v3CertificateBuilder builder = builder(name, name, BigInteger.ONE, keys);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
          | KeyUsage.digitalSignature));
    } catch (CertIOException e) {
      throw new UncheckedIOException(e);
    }
    return new Pki(new Issued(sign(builder, keys.getPrivate()), keys.getPrivate()));
  }

  public Issued authority() {
    return authority;
  }

  /** A client certificate for user {@code commonName} in {@code groups}. */
  public Issued client(String commonName, List<String> groups) {
    return issue(commonName, groups, KeyPurposeId.id_kp_clientAuth, List.of());
  }

  /** A serving certificate for 127.0.0.1 and localhost. */
  public Issued loopbackServer(String commonName) {
    return issue(commonName, List.of(), KeyPurposeId.id_kp_serverAuth, List.of(
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost")));
  }

  /**
   * A serving certificate for these DNS names, e.g. the {@code <service>.<namespace>.svc} name
   * the API server checks when it dials an aggregated API server.
   */
  public Issued server(String commonName, List<String> dnsNames) {
    return issue(commonName, List.of(), KeyPurposeId.id_kp_serverAuth,
        dnsNames.stream().map(name -> new GeneralName(GeneralName.dNSName, name)).toList());
  }

  /** A new RSA key pair (service-account token signing needs one without a certificate). */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  /** PEM text of a certificate, a private key (PKCS#8) or a public key. */
  public static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private Issued issue(String commonName, List<String> organizations, KeyPurposeId purpose,
      List<GeneralName> alternativeNames) {
    KeyPair keys = newKeyPair();
    X509v3CertificateBuilder builder = builder(X500Name.getInstance(
        authority.certificate().getSubjectX500Principal().getEncoded()), name(commonName, organizations),
        BigInteger.valueOf(serials.getAndIncrement()), keys);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
          | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (!alternativeNames.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
      }
    } catch (CertIOException e) {
      throw new UncheckedIOException(e);
    }
    return new Issued(sign(builder, authority.key()), keys.getPrivate());
  }

  private static X500Name name(String commonName, List<String> organizations) {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
    organizations.forEach(organization -> name.addRDN(BCStyle.O, organization));
    name.addRDN(BCStyle.CN, commonName);
    return name.build();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, BigInteger serial,
      KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate", e);
    }
  }
}
