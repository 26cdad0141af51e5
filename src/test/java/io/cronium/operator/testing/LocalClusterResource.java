package io.cronium.operator.testing;

import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LoopbackApiService;
import io.cronium.localcluster.PodmanNode;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a cluster for a Quarkus test: the JVM's real control plane (etcd, kube-apiserver,
 * controller manager, scheduler) holding the committed CRDs and the chart's RBAC, and a node: the
 * podman node that really runs the Pods the operator creates (container tier), or a scripted node
 * whose containers the test plays and whose logs come from {@link ScriptedPodLogs}. The operator
 * under test authenticates as its own ServiceAccount bound by the chart's RBAC of either install
 * mode ({@link OperatorIdentity}), so a verb missing from the chart fails the test with the 403 it
 * causes. The operator serves the aggregated log API, registered as the chart does
 * ({@link LogApiRegistration}).
 */
public class LocalClusterResource implements QuarkusTestResourceLifecycleManager {

  /** Init arg: "true" starts the podman node. */
  public static final String PODMAN_NODE = "podmanNode";
  /** Init arg: an {@link OperatorIdentity.InstallMode}, CLUSTER by default. */
  public static final String INSTALL_MODE = "installMode";
  /** Init arg: "false" leaves the log API unregistered, as a cluster without it (true by default). */
  public static final String LOG_API = "logApi";

  private LocalCluster cluster;
  private LoopbackApiService logApi;
  private boolean podmanNode;
  private OperatorIdentity.InstallMode installMode;
  private boolean registerLogApi;

  @Override
  public void init(Map<String, String> initArgs) {
    podmanNode = Boolean.parseBoolean(initArgs.getOrDefault(PODMAN_NODE, "false"));
    installMode = OperatorIdentity.InstallMode.valueOf(initArgs.getOrDefault(INSTALL_MODE, "CLUSTER"));
    registerLogApi = Boolean.parseBoolean(initArgs.getOrDefault(LOG_API, "true"));
  }

  @Override
  public Map<String, String> start() {
    LocalCluster.Builder builder = LocalCluster.builder().crds(Path.of("crds"));
    if (podmanNode) {
      // runc cannot raise rlimits on these machines: use the repository's lowered ulimits.
      builder.podmanNode(
          PodmanNode.Options.defaults().withContainersConf(Path.of("hack/containers.conf").toAbsolutePath()));
    } else {
      builder.scriptedNode(ScriptedPodLogs.INSTANCE);
    }
    cluster = builder.start();
    OperatorIdentity identity = OperatorIdentity.install(cluster, installMode);
    // The client's own auto-configuration from a kubeconfig, as in production;
    // quarkus.kubernetes-client.* are fixed at build time and would warn when overridden.
    System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, identity.kubeconfig().toString());
    System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "true");
    System.setProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
    Map<String, String> config = new HashMap<>(Map.of("cronium.leader-election.lease-namespace", identity.namespace()));
    if (registerLogApi) {
      logApi = LogApiRegistration.register(cluster, identity.namespace());
      config.putAll(LogApiRegistration.operatorConfig(logApi));
    }
    if (!identity.watchedNamespaces().isEmpty()) {
      // What the chart's Deployment sets in a namespace-scoped install.
      config.put("quarkus.operator-sdk.namespaces", String.join(",", identity.watchedNamespaces()));
    }
    return config;
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        cluster, new TestInjector.AnnotatedAndMatchesType(InjectLocalCluster.class, LocalCluster.class));
  }

  @Override
  public void stop() {
    if (logApi != null) {
      logApi.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
