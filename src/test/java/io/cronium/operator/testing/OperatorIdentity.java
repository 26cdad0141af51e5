package io.cronium.operator.testing;

import io.cronium.localcluster.LocalCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The operator's identity in tests, as the chart installs it: ServiceAccount
 * {@code cronium-system/cronium-operator}, bound by the RBAC objects of {@code deploy/} (rendered
 * from the chart). The operator's client presents a client certificate naming that ServiceAccount
 * user and its groups, which RBAC treats exactly as the account's token.
 */
public final class OperatorIdentity {

  public static final String NAMESPACE = "cronium-system";
  public static final String SERVICE_ACCOUNT = "cronium-operator";
  public static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT;
  private static final Path MANIFESTS = Path.of("deploy/cronium-operator.yaml");
  private static final Set<String> RBAC_KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  private OperatorIdentity() {}

  /** Applies the chart's RBAC to {@code cluster} and returns a kubeconfig of the operator's identity. */
  public static Path install(LocalCluster cluster) {
    KubernetesClient admin = cluster.client();
    cluster.createNamespace(NAMESPACE);
    try (InputStream in = Files.newInputStream(MANIFESTS)) {
      for (HasMetadata object : admin.load(in).items()) {
        if (RBAC_KINDS.contains(object.getKind())) {
          admin.resource(object).forceConflicts().serverSideApply();
        }
      }
      Path kubeconfig = Files.createTempFile("cronium-operator", ".kubeconfig");
      kubeconfig.toFile().deleteOnExit();
      return cluster.controlPlane().writeKubeconfig(kubeconfig, USER,
          List.of("system:serviceaccounts", "system:serviceaccounts:" + NAMESPACE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
