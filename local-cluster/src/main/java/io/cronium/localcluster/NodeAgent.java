package io.cronium.localcluster;

import io.cronium.localcluster.controlplane.Pki;
import io.cronium.localcluster.controlplane.Tls;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The kubelet's side of the node contract that is the same whatever runs the containers: registers the
 * Node (Ready, generous allocatable so that kube-scheduler never runs out, InternalIP 127.0.0.1, the
 * kubelet port), renews its Lease in {@code kube-node-lease} so the node-lifecycle controller keeps it
 * Ready (and reports Ready again when a control plane outage outlasted the Lease), and serves
 * {@code /containerLogs/...} over mutually authenticated HTTPS for {@code pods/log}.
 */
public final class NodeAgent implements AutoCloseable {

  public static final String LEASE_NAMESPACE = "kube-node-lease";
  /** The group of every node's user. */
  public static final String GROUP = "system:nodes";
  static final String KUBELET_VERSION = "v1.37.2";
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
  private static final int LEASE_SECONDS = 40;
  private static final Duration RENEW_EVERY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final String nodeName;
  private final String runtime;
  private final Clock clock = Clock.systemUTC();
  private final ContainerLogServer logServer;
  private final ScheduledExecutorService heartbeat;
  private volatile SharedIndexInformer<Pod> pods;

  /**
   * @param client a client as the node's own user ({@code system:node:<name>} in {@code system:nodes})
   * @param pki the cluster CA: it signs the node's serving certificate and the API server's client one
   * @param logs the container logs
   * @param runtime the container runtime version the Node reports
   */
  public NodeAgent(KubernetesClient client, String nodeName, Pki pki, PodLogSource logs, String runtime) {
    this.client = client;
    this.nodeName = nodeName;
    this.runtime = runtime;
    this.logServer = new ContainerLogServer(Tls.context(pki.loopbackServer(user(nodeName)),
        pki.authority().certificate()), logs, this::pod, clock);
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "node-heartbeat-" + nodeName);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The user a node's client certificate names, as the Node authorizer expects. */
  public static String user(String nodeName) {
    return "system:node:" + nodeName;
  }

  /**
   * Registers the Node, starts the heartbeat, and watches the Pods bound to this node: each one added
   * or changed goes to {@code changed} (the Pods bound already first), each one deleted to {@code gone}.
   */
  public NodeAgent start(Consumer<Pod> changed, Consumer<Pod> gone) {
    logServer.start();
    register();
    heartbeat.scheduleWithFixedDelay(this::heartbeat, 0, RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    pods = client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        changed.accept(pod);
      }

      @Override
      public void onUpdate(Pod oldPod, Pod pod) {
        changed.accept(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        gone.accept(pod);
      }
    }, 0);
    return this;
  }

  /** A Pod bound to this node as last seen, or null. */
  public Pod pod(String namespace, String name) {
    SharedIndexInformer<Pod> informer = pods;
    return informer == null ? null : informer.getStore().getByKey(namespace + "/" + name);
  }

  public String nodeName() {
    return nodeName;
  }

  /** The HTTPS port of {@code /containerLogs}, as the Node's {@code daemonEndpoints} says. */
  public int port() {
    return logServer.port();
  }

  private void register() {
    Node node = new NodeBuilder()
        .withNewMetadata()
            .withName(nodeName)
            .withLabels(Map.of("kubernetes.io/hostname", nodeName, "kubernetes.io/os", "linux",
                "kubernetes.io/arch", "amd64", "node.kubernetes.io/instance-type", "podman"))
        .endMetadata()
        .build();
    client.nodes().resource(node).createOr(NonDeletingOperation::update);
    // A merge patch without resourceVersion: the node-lifecycle controller writes the Node too.
    client.nodes().withName(nodeName).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", status())));
  }

  private NodeStatus status() {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Quantity> resources = Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"),
        "pods", new Quantity("1000"), "ephemeral-storage", new Quantity("500Gi"));
    List<NodeCondition> conditions = List.of(
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory", now),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now));
    return new NodeStatusBuilder()
        .withCapacity(resources)
        .withAllocatable(resources)
        .withConditions(conditions)
        .addNewAddress().withType("InternalIP").withAddress(PodStatuses.HOST_IP).endAddress()
        .addNewAddress().withType("Hostname").withAddress(nodeName).endAddress()
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(port()).endKubeletEndpoint().endDaemonEndpoints()
        .withNewNodeInfo()
            .withKubeletVersion(KUBELET_VERSION)
            .withOperatingSystem("linux")
            .withArchitecture("amd64")
            .withContainerRuntimeVersion(runtime)
            .withOsImage("Debian GNU/Linux")
            .withKernelVersion(System.getProperty("os.version"))
            .withMachineID("")
            .withSystemUUID("")
            .withBootID("")
            .withKubeProxyVersion("")
        .endNodeInfo()
        .build();
  }

  private static NodeCondition condition(String type, String status, String reason, String message, String now) {
    return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastHeartbeatTime(now).withLastTransitionTime(now).build();
  }

  /**
   * One heartbeat: renews the node's Lease and, when the node lifecycle controller has marked the
   * node not Ready (the Lease ran out while the API server or etcd was away), posts Ready again, as
   * a kubelet's status update does; the controller then lifts its taints and Pods schedule again.
   */
  private void heartbeat() {
    renewLease();
    try {
      Node node = client.nodes().withName(nodeName).get();
      if (node != null && !ready(node)) {
        LOG.info("node {} was marked not ready; reporting Ready again", nodeName);
        client.nodes().withName(nodeName).subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", status())));
      }
    } catch (KubernetesClientException e) {
      LOG.debug("node {}: status not checked this time: {}", nodeName, e.getMessage());
    }
  }

  private static boolean ready(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions().stream()
        .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
  }

  /** Creates or renews the node's Lease; a failure is retried on the next beat (the lease outlives three). */
  private void renewLease() {
    try {
      ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
      Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(nodeName).get();
      if (lease == null) {
        Node node = client.nodes().withName(nodeName).get();
        client.leases().inNamespace(LEASE_NAMESPACE).resource(new LeaseBuilder()
            .withNewMetadata()
                .withName(nodeName)
                .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(nodeName)
                    .withUid(node.getMetadata().getUid()).endOwnerReference()
            .endMetadata()
            .withNewSpec().withHolderIdentity(nodeName).withLeaseDurationSeconds(LEASE_SECONDS)
                .withRenewTime(now).endSpec()
            .build()).create();
      } else {
        lease.getSpec().setRenewTime(now);
        client.leases().inNamespace(LEASE_NAMESPACE).resource(lease).update();
      }
    } catch (KubernetesClientException e) {
      LOG.debug("node {}: lease not renewed this time: {}", nodeName, e.getMessage());
    }
  }

  /**
   * The containers of {@code pod} are stopped and their end reported: deletes it with grace 0, which
   * is what lets the API server remove a Pod bound to a node.
   */
  public void finishDeletion(Pod pod) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.warn("could not finish deleting pod {}/{}: {}", pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(), e.getMessage());
      }
    }
  }

  /** Stops watching, the heartbeat and the log server; the Node object stays, as a stopped kubelet's does. */
  @Override
  public void close() {
    if (pods != null) {
      pods.close();
    }
    heartbeat.shutdownNow();
    logServer.close();
  }
}
