package io.cronium.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A kubeconfig for kubectl and other clients: one cluster, one user, namespace default. It carries
 * the cluster's CA and the user's client certificate inline, so the file alone is enough.
 */
public final class Kubeconfig {

  static final String CONTEXT = "cronium-local";

  /** A client certificate identity over TLS, each field PEM text. */
  public record TlsIdentity(String caPem, String certificatePem, String keyPem) {
  }

  private Kubeconfig() {
  }

  /** A kubeconfig for {@code serverUrl}, authenticating as {@code identity}. */
  public static Path write(Path file, String serverUrl, TlsIdentity identity) {
    String cluster = "\n    certificate-authority-data: " + base64(identity.caPem());
    String user = "\n    client-certificate-data: " + base64(identity.certificatePem())
        + "\n    client-key-data: " + base64(identity.keyPem());
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s%3$s
        users:
        - name: %1$s
          user:%4$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """.formatted(CONTEXT, serverUrl, cluster, user);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
