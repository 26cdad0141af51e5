package io.cronium.operator.testing;

import io.cronium.localcluster.LocalCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The operator's identity in tests, as the chart installs it: its ServiceAccount bound by the
 * chart's RBAC objects, in one of the two install modes. The operator's client presents a client
 * certificate naming that ServiceAccount user and its groups, which RBAC treats exactly as the
 * account's token.
 *
 * @param user the ServiceAccount's user name
 * @param namespace the release namespace (the ServiceAccount's, and the leader Lease's)
 * @param watchedNamespaces the namespaces a namespace-scoped install watches; empty: all of them
 * @param kubeconfig a kubeconfig of that identity
 */
public record OperatorIdentity(String user, String namespace, List<String> watchedNamespaces, Path kubeconfig) {

  /** The release namespace of both install modes. */
  public static final String NAMESPACE = "cronium-system";
  /** The default install's user (ServiceAccount cronium-system/cronium-operator). */
  public static final String USER = "system:serviceaccount:" + NAMESPACE + ":cronium-operator";
  private static final Path CLUSTER_WIDE = Path.of("deploy/cronium-operator.yaml");
  private static final Set<String> RBAC_KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  /** The two ways the chart installs the operator. */
  public enum InstallMode {
    /** Default values: a ClusterRole for all namespaces ({@code deploy/}). */
    CLUSTER,
    /** {@code watchNamespaces}: a Role in each watched namespace ({@code hack/chart-values/namespaced.yaml}). */
    NAMESPACED
  }

  /** Applies the chart's RBAC of {@code mode} to {@code cluster} and returns the operator's identity. */
  public static OperatorIdentity install(LocalCluster cluster, InstallMode mode) {
    KubernetesClient admin = cluster.client();
    List<HasMetadata> rbac = rendered(mode).stream()
        .filter(object -> RBAC_KINDS.contains(object.getKind())).toList();
    HasMetadata account = rbac.stream().filter(object -> object.getKind().equals("ServiceAccount"))
        .findFirst().orElseThrow(() -> new IllegalStateException("the chart renders no ServiceAccount"));
    String namespace = account.getMetadata().getNamespace();
    List<String> watched = rbac.stream().filter(Role.class::isInstance)
        .map(role -> role.getMetadata().getNamespace()).filter(ns -> !ns.equals(namespace)).distinct().toList();
    cluster.createNamespace(namespace);
    watched.forEach(cluster::createNamespace);
    rbac.forEach(object -> admin.resource(object).forceConflicts().serverSideApply());
    String user = "system:serviceaccount:" + namespace + ":" + account.getMetadata().getName();
    Path kubeconfig = temporaryKubeconfig();
    cluster.controlPlane().writeKubeconfig(kubeconfig, user,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace));
    return new OperatorIdentity(user, namespace, watched, kubeconfig);
  }

  private static Path temporaryKubeconfig() {
    try {
      Path kubeconfig = Files.createTempFile("cronium-operator", ".kubeconfig");
      kubeconfig.toFile().deleteOnExit();
      return kubeconfig;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<HasMetadata> rendered(InstallMode mode) {
    if (mode == InstallMode.NAMESPACED) {
      return HelmChart.template("-f", HelmChart.NAMESPACED_VALUES.toString());
    }
    try (InputStream in = Files.newInputStream(CLUSTER_WIDE)) {
      return Serialization.unmarshal(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
