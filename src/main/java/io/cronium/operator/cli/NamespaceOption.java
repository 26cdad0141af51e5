package io.cronium.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Option;

/** The {@code -n/--namespace} option of every command that talks to the cluster, as in kubectl. */
final class NamespaceOption {

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: the kubeconfig's).")
  String namespace;

  /** The namespace given, else the kubeconfig's current one. */
  String resolve(KubernetesClient client) {
    return namespace != null ? namespace : client.getNamespace();
  }
}
