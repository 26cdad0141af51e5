package io.cronium.operator.faults;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment the chart's Deployment ({@code deploy/}, default values) gives the operator's
 * container, resolved as the kubelet resolves it for one Pod: {@code fieldRef}s to the Pod's name
 * and namespace, then {@code $(VAR)} references to earlier variables. Read from the rendered chart,
 * so a fault case runs the operator with whatever the chart sets today.
 */
final class ChartEnvironment {

  private static final Path RENDERED_CHART = Path.of("deploy/cronium-operator.yaml");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private ChartEnvironment() {}

  /** The container's variables for the Pod {@code podName} in {@code podNamespace}, in the chart's order. */
  static Map<String, String> of(KubernetesClient client, String podName, String podNamespace) {
    Deployment deployment;
    try (InputStream in = Files.newInputStream(RENDERED_CHART)) {
      deployment = client.load(in).items().stream()
          .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
          .orElseThrow(() -> new IllegalStateException(RENDERED_CHART + " holds no Deployment"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> environment = new LinkedHashMap<>();
    for (EnvVar variable : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      String value = variable.getValueFrom() == null
          ? expand(variable.getValue(), environment)
          : podField(variable.getValueFrom().getFieldRef().getFieldPath(), podName, podNamespace);
      environment.put(variable.getName(), value);
    }
    return environment;
  }

  private static String podField(String path, String podName, String podNamespace) {
    return switch (path) {
      case "metadata.name" -> podName;
      case "metadata.namespace" -> podNamespace;
      default -> throw new IllegalStateException("the chart reads a Pod field this harness does not know: " + path);
    };
  }

  /** {@code $(NAME)} of a variable defined earlier is replaced; any other reference stays, as in Kubernetes. */
  private static String expand(String value, Map<String, String> earlier) {
    Matcher reference = REFERENCE.matcher(value == null ? "" : value);
    StringBuilder expanded = new StringBuilder();
    while (reference.find()) {
      String name = reference.group(1);
      reference.appendReplacement(expanded, Matcher.quoteReplacement(earlier.getOrDefault(name, reference.group())));
    }
    return reference.appendTail(expanded).toString();
  }
}
