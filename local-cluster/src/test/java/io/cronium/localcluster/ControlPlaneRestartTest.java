package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite stops kube-apiserver and etcd under a running cluster: each comes back on its
 * ports with the cluster's data, the same clients reconnect, and the node keeps serving the Pods
 * bound to it, and reports Ready again if an outage outlasted its Lease.
 */
class ControlPlaneRestartTest {

  private static final String NAMESPACE = "control-plane-restart";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static LocalCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.builder().crds(Path.of("src/test/resources/crds"))
        .scriptedNode((pod, container) -> List.of()).start();
    client = cluster.client();
    cluster.createNamespace(NAMESPACE);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void apiServerComesBackOnItsPortWithTheClustersObjects() {
    createConfigMap("before-api-restart");

    cluster.controlPlane().stopApiServer();
    // A plain connect: the client would retry with backoff for most of a minute before failing.
    assertThatThrownBy(() -> new Socket("127.0.0.1", URI.create(cluster.url()).getPort()).close())
        .isInstanceOf(ConnectException.class);
    cluster.controlPlane().startApiServer();

    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("before-api-restart").get()).isNotNull();
    assertNodeFinishesAGracefulDelete("after-api-restart");
  }

  @Test
  void etcdComesBackWithItsDataAndTheApiServerServesAgain() {
    createConfigMap("before-etcd-restart");

    cluster.controlPlane().stopEtcd();
    cluster.controlPlane().startEtcd();

    await().atMost(PATIENCE).ignoreExceptions().until(
        () -> client.configMaps().inNamespace(NAMESPACE).withName("before-etcd-restart").get() != null);
    assertNodeFinishesAGracefulDelete("after-etcd-restart");
  }

  @Test
  void aNodeMarkedNotReadyReportsReadyAgainWithinAHeartbeat() {
    // What the node lifecycle controller writes when the node's Lease ran out during an outage.
    client.nodes().withName(ScriptedNode.NODE_NAME).subresource("status").patch(
        PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"status\":{\"conditions\":[{\"type\":\"Ready\","
            + "\"status\":\"Unknown\",\"reason\":\"NodeStatusUnknown\"}]}}");

    await().atMost(PATIENCE).until(() -> client.nodes().withName(ScriptedNode.NODE_NAME).get().getStatus()
        .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
  }

  private static void createConfigMap(String name) {
    client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
  }

  /** The node's Pod watch survived the restart: it sees a delete and finishes it after the 1 s grace. */
  private static void assertNodeFinishesAGracefulDelete(String name) {
    Pod pod = new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("localhost/none:1").endContainer()
        .withRestartPolicy("Never").endSpec().build();
    client.pods().inNamespace(NAMESPACE).resource(pod).create();
    await().atMost(PATIENCE).until(() -> client.pods().inNamespace(NAMESPACE).withName(name).get(),
        p -> ScriptedNode.NODE_NAME.equals(p.getSpec().getNodeName()));

    client.pods().inNamespace(NAMESPACE).withName(name).withGracePeriod(1).delete();

    await().atMost(PATIENCE).until(() -> client.pods().inNamespace(NAMESPACE).withName(name).get() == null);
  }
}
