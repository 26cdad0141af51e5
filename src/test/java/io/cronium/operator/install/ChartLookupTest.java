package io.cronium.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.testing.HelmChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the chart looks up when Helm talks to a real API server ({@code --dry-run=server}, as
 * {@code helm install} does): the API server's addresses for the job egress policy, and which
 * watched namespaces exist already and so are left alone.
 */
class ChartLookupTest {

  private static LocalCluster cluster;
  private static KubernetesClient client;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws IOException {
    cluster = LocalCluster.builder().start();
    client = cluster.client();
    kubeconfig = Files.createTempFile("chart-lookup", ".kubeconfig");
    cluster.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void close() throws IOException {
    cluster.close();
    Files.deleteIfExists(kubeconfig);
  }

  /**
   * The namespaced install into namespaces of this class's own (the control plane is shared),
   * without the ServiceMonitor, whose CRD a server-side render would need installed.
   */
  private static List<HasMetadata> installRender() {
    return HelmChart.template("-f", HelmChart.NAMESPACED_VALUES.toString(),
        "--set", "watchNamespaces={lookup-existing,lookup-new}", "--set", "metrics.serviceMonitor.enabled=false",
        "--dry-run=server", "--kubeconfig", kubeconfig.toString());
  }

  @Test
  void theJobEgressPolicyDeniesTheApiServersServiceAndEndpointAddresses() {
    String clusterIp = client.services().inNamespace("default").withName("kubernetes").get().getSpec().getClusterIP();
    // The local API server listens on loopback, which endpoints may not hold, so it publishes none;
    // a cluster's API server publishes its host address like this.
    client.resource(new EndpointSliceBuilder().withNewMetadata().withName("kubernetes").withNamespace("default")
        .addToLabels("kubernetes.io/service-name", "kubernetes").endMetadata()
        .withAddressType("IPv4").addNewEndpoint().withAddresses("192.0.2.10").endEndpoint()
        .addNewPort().withName("https").withPort(6443).withProtocol("TCP").endPort().build())
        .forceConflicts().serverSideApply();

    List<NetworkPolicy> policies = installRender().stream()
        .filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
        .filter(policy -> !policy.getSpec().getEgress().isEmpty()).toList();

    assertThat(policies).isNotEmpty().allSatisfy(policy -> assertThat(
        policy.getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getExcept())
        .contains(clusterIp + "/32", "192.0.2.10/32"));
  }

  @Test
  void aWatchedNamespaceThatExistsAlreadyIsNotTakenOverOnlyAMissingOneIsCreated() {
    cluster.createNamespace("lookup-existing");

    assertThat(installRender()).filteredOn(Namespace.class::isInstance)
        .extracting(namespace -> namespace.getMetadata().getName()).containsExactly("lookup-new");
  }
}
