package io.cronium.operator.testing;

import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.PodmanNode;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the local cluster for a Quarkus test: the fabric8 mock API server (CRUD mode, with
 * the fixes that make it answer like a real API server) holding the committed CRDs, and —
 * for the container tier — a podman node that really runs the Pods the operator creates;
 * without it, Pod logs are what tests script in {@link ScriptedPodLogs}.
 */
public class LocalClusterResource implements QuarkusTestResourceLifecycleManager {

  /** Init arg: "true" starts the podman node. */
  public static final String PODMAN_NODE = "podmanNode";

  private LocalCluster cluster;
  private boolean podmanNode;

  @Override
  public void init(Map<String, String> initArgs) {
    podmanNode = Boolean.parseBoolean(initArgs.getOrDefault(PODMAN_NODE, "false"));
  }

  @Override
  public Map<String, String> start() {
    LocalCluster.Builder builder =
        LocalCluster.builder().port(0).crds(Path.of("crds")).accessPolicy(new TestAccessPolicy());
    if (podmanNode) {
      // runc cannot raise rlimits on these machines: use the repository's lowered ulimits.
      builder.podmanNode(
          PodmanNode.Options.defaults().withContainersConf(Path.of("hack/containers.conf").toAbsolutePath()));
    } else {
      builder.podLogSource(ScriptedPodLogs.INSTANCE);
    }
    cluster = builder.start();
    // The client's own auto-configuration, as a kubeconfig would give it in production;
    // quarkus.kubernetes-client.* are fixed at build time and would warn when overridden.
    System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, cluster.url());
    System.setProperty(Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, "default");
    System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    System.setProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
    return Map.of();
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        cluster, new TestInjector.AnnotatedAndMatchesType(InjectLocalCluster.class, LocalCluster.class));
  }

  @Override
  public void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
