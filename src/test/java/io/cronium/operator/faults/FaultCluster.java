package io.cronium.operator.faults;

import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.operator.jobrun.ResultTracking;
import io.cronium.operator.testing.OperatorIdentity;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a fault case runs on: the JVM's real control plane with the committed CRDs, the scripted
 * node, the chart's RBAC for the operator's ServiceAccount (cluster-wide install), one namespace for
 * the case's objects, and the operator replicas it starts, each a child process. Closing it deletes
 * the namespaces and stops the replicas (the Lease goes with the release namespace).
 */
final class FaultCluster implements AutoCloseable {

  private static final Duration NAMESPACE_GONE = Duration.ofSeconds(20);

  private final String caseName;
  private final LocalCluster cluster;
  private final OperatorIdentity identity;
  private final String namespace;
  private final String leaseName;
  private final List<OperatorProcess> replicas = new ArrayList<>();

  /** @param caseName names the namespace and the folder under target/faults/ of the replicas' logs */
  FaultCluster(String caseName) {
    this.caseName = caseName;
    this.cluster = LocalCluster.builder().crds(Path.of("crds")).scriptedNode(ScriptedPodLogs.INSTANCE).start();
    this.identity = OperatorIdentity.install(cluster, OperatorIdentity.InstallMode.CLUSTER);
    this.namespace = "faults-" + caseName;
    this.leaseName =
        ChartEnvironment.of(client(), "any", identity.namespace()).get("CRONIUM_LEADER_ELECTION_LEASE_NAME");
    cluster.createNamespace(namespace);
  }

  /** The cluster admin's client. */
  KubernetesClient client() {
    return cluster.client();
  }

  /**
   * Another admin client that does not retry a failed request itself (fabric8 retries with a
   * backoff that adds up to minutes): for a caller that retries on its own and must learn of an
   * outage at once.
   */
  KubernetesClient failFastClient() {
    return controlPlane().newClient(new ConfigBuilder(controlPlane().adminConfig())
        .withRequestRetryBackoffLimit(0).build());
  }

  /** The user the operator's replicas act as (its ServiceAccount's), as the audit log names it. */
  String operatorUser() {
    return identity.user();
  }

  LocalCluster localCluster() {
    return cluster;
  }

  ControlPlane controlPlane() {
    return cluster.controlPlane();
  }

  String namespace() {
    return namespace;
  }

  /** The Lease the replicas compete for, as the chart names it; null before any replica took it. */
  Lease leaderLease() {
    return client().leases().inNamespace(identity.namespace()).withName(leaseName).get();
  }

  /** The identity in the leader Lease, or null. */
  String leaseHolder() {
    Lease lease = leaderLease();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** A replica named {@code podName} (not started), logging to target/faults/&lt;case&gt;/&lt;podName&gt;.log. */
  OperatorProcess replica(String podName) {
    OperatorProcess replica = new OperatorProcess(podName,
        ChartEnvironment.of(client(), podName, identity.namespace()), identity.kubeconfig(),
        FaultReport.DIRECTORY.resolve(caseName).resolve(podName + ".log"));
    replicas.add(replica);
    return replica;
  }

  /**
   * Deletes the case's namespace and waits until it is gone, so the next case's operator (which
   * watches every namespace) never meets this one's objects. Job Pods keep the operator's
   * finalizer until it has their result, so the replicas run on meanwhile; what is left after that
   * (a Pod a broken operator did not release, one whose node was played lost) is removed as an
   * admin or the Pod garbage collector would: finalizer off, deleted with grace 0.
   */
  @Override
  public void close() {
    client().namespaces().withName(namespace).delete();
    if (Polling.until(NAMESPACE_GONE, this::namespaceGone).isEmpty()) {
      client().pods().inNamespace(namespace).list().getItems().forEach(this::forceDelete);
      Polling.until(NAMESPACE_GONE, this::namespaceGone);
    }
    replicas.forEach(OperatorProcess::close);
    cluster.close();
  }

  private void forceDelete(Pod pod) {
    List<String> finalizers = new ArrayList<>(pod.getMetadata().getFinalizers());
    finalizers.remove(ResultTracking.FINALIZER);
    try {
      client().pods().inNamespace(namespace).withName(pod.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(
              Map.of("metadata", Map.of("finalizers", finalizers))));
      client().pods().inNamespace(namespace).withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
    }
  }

  private boolean namespaceGone() {
    return client().namespaces().withName(namespace).get() == null;
  }
}
