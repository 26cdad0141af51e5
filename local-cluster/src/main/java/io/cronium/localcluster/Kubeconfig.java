package io.cronium.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig for kubectl and other clients: one cluster (plain HTTP, no credentials), namespace default. */
final class Kubeconfig {

  static final String CONTEXT = "cronium-local";

  private Kubeconfig() {
  }

  static Path write(Path file, String serverUrl) {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user: {}
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """.formatted(CONTEXT, serverUrl);
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
}
