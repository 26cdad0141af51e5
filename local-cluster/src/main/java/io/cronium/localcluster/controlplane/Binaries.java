package io.cronium.localcluster.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kubectl are: the folder
 * named by {@code -Dcronium.k8s.bin} or {@code CRONIUM_K8S_BIN}, else the one {@code hack/k8s/build.sh}
 * builds (from Go modules, once; it prints its progress and then the folder).
 */
public final class Binaries {

  public static final String PROPERTY = "cronium.k8s.bin";
  public static final String ENVIRONMENT = "CRONIUM_K8S_BIN";
  private static final List<String> REQUIRED =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl");

  private final Path directory;

  private Binaries(Path directory) {
    this.directory = directory;
    for (String binary : REQUIRED) {
      if (!Files.isExecutable(directory.resolve(binary))) {
        throw new IllegalStateException("no executable " + binary + " in " + directory
            + ": run hack/k8s/build.sh, or point " + ENVIRONMENT + " at a folder holding " + REQUIRED);
      }
    }
  }

  /** The configured folder, else builds them with the build script of the enclosing checkout. */
  public static Binaries locate() {
    String configured = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
    if (configured != null && !configured.isBlank()) {
      return new Binaries(Path.of(configured));
    }
    return new Binaries(build(buildScript()));
  }

  public Path path(String binary) {
    return directory.resolve(binary);
  }

  private static Path buildScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("hack/k8s/build.sh");
      if (Files.isExecutable(script)) {
        return script;
      }
    }
    throw new IllegalStateException("no hack/k8s/build.sh above " + Path.of("").toAbsolutePath() + " and no "
        + ENVIRONMENT + " set: cannot find the Kubernetes binaries");
  }

  private static Path build(Path script) {
    try {
      Process process = new ProcessBuilder(script.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (process.waitFor() != 0 || output.isEmpty()) {
        throw new IllegalStateException(script + " failed (exit " + process.exitValue() + ")");
      }
      return Path.of(output.substring(output.lastIndexOf('\n') + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the Kubernetes binaries", e);
    }
  }
}
