package io.cronium.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code helm template} of the chart as release cronium-operator in cronium-system (helm from hack/install-kube-tools.sh). */
public final class HelmChart {

  /** Values that turn on every optional template and the namespace-scoped install. */
  public static final Path NAMESPACED_VALUES = Path.of("hack/chart-values/namespaced.yaml");
  private static final Path HELM = Path.of(".build/bin/helm");

  private HelmChart() {}

  /** The rendered objects; {@code arguments} are helm's, e.g. {@code -f FILE} or {@code --set K=V}. */
  public static List<HasMetadata> template(String... arguments) {
    return Serialization.unmarshal(render(arguments));
  }

  /** The rendered manifest as text. */
  public static String render(String... arguments) {
    if (!Files.isExecutable(HELM)) {
      throw new IllegalStateException(HELM + " is missing: run hack/install-kube-tools.sh");
    }
    List<String> command = new ArrayList<>(List.of(HELM.toString(), "template", "cronium-operator",
        "helm/cronium-operator", "--namespace", OperatorIdentity.NAMESPACE));
    command.addAll(List.of(arguments));
    try {
      // Helm warns on stderr (e.g. about CRDs under --dry-run=server): only stdout is the manifest.
      Path errors = Files.createTempFile("helm", ".err");
      try {
        Process helm = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String rendered = new String(helm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (helm.waitFor() != 0) {
          throw new IllegalStateException("helm template failed: " + Files.readString(errors) + rendered);
        }
        return rendered;
      } finally {
        Files.delete(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
