package io.cronium.localcluster;

import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.RequestTally;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A cluster for tests and the demo: the {@link ControlPlane} of this JVM (started on first use,
 * stopped when the JVM exits), the CRDs of a directory applied and established, and a node: a
 * {@link PodmanNode} that runs the Pods, or a {@link ScriptedNode} whose containers the test plays.
 * Closing it stops the node and deletes the Node object; the control plane stays for the next user.
 */
public final class LocalCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  private static final Duration ESTABLISHED_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration NAMESPACE_TIMEOUT = Duration.ofSeconds(60);
  private static ControlPlane shared;

  private final ControlPlane controlPlane;
  private final KubernetesClient client;
  private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
  private AutoCloseable node;
  private String nodeName;

  private LocalCluster(ControlPlane controlPlane) {
    this.controlPlane = controlPlane;
    this.client = controlPlane.adminClient();
  }

  /** The control plane of this JVM, started on first use. */
  public static synchronized ControlPlane sharedControlPlane() {
    if (shared == null) {
      shared = ControlPlane.start();
      ControlPlane stopping = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(stopping::close, "control-plane-shutdown"));
    }
    return shared;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How to start a {@link LocalCluster}; every setting is optional. */
  public static final class Builder {

    private Path crdDirectory;
    private Path kubeconfig;
    private PodmanNode.Options nodeOptions;
    private PodLogSource podLogSource;

    private Builder() {
    }

    /** Applies every {@code *.yaml} / {@code *.yml} in this directory (CRDs) before start() returns. */
    public Builder crds(Path directory) {
      this.crdDirectory = directory;
      return this;
    }

    /** Writes an admin kubeconfig for this cluster to {@code file} once started. */
    public Builder kubeconfig(Path file) {
      this.kubeconfig = file;
      return this;
    }

    /** Runs Pods with a {@link PodmanNode}. */
    public Builder podmanNode(PodmanNode.Options options) {
      this.nodeOptions = options;
      return this;
    }

    /** Registers a {@link ScriptedNode} serving {@code pods/log} from this source (tests play the containers). */
    public Builder scriptedNode(PodLogSource source) {
      this.podLogSource = source;
      return this;
    }

    public LocalCluster start() {
      if (nodeOptions != null && podLogSource != null) {
        throw new IllegalStateException("a cluster has one node: podman or scripted, not both");
      }
      if (nodeOptions != null && !PodmanNode.podmanAvailable(nodeOptions)) {
        throw new IllegalStateException("podman is not usable (" + nodeOptions.podmanExecutable()
            + "); run hack/install-deps.sh, and set CONTAINERS_CONF on this machine");
      }
      LocalCluster cluster = new LocalCluster(sharedControlPlane());
      try {
        if (crdDirectory != null) {
          cluster.applyCrds(crdDirectory);
        }
        if (kubeconfig != null) {
          cluster.writeKubeconfig(kubeconfig);
        }
        if (nodeOptions != null) {
          cluster.nodeName = PodmanNode.NODE_NAME;
          cluster.node = new PodmanNode(cluster.nodeClient(PodmanNode.NODE_NAME), cluster.controlPlane.pki(),
              nodeOptions).start();
        } else if (podLogSource != null) {
          cluster.nodeName = ScriptedNode.NODE_NAME;
          cluster.node = new ScriptedNode(cluster.nodeClient(ScriptedNode.NODE_NAME), cluster.controlPlane.pki(),
              podLogSource);
        }
        return cluster;
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    }
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  /** {@code https://127.0.0.1:<port>} */
  public String url() {
    return controlPlane.url();
  }

  /** The cluster admin's client (namespace {@code default}), closed with the control plane. */
  public KubernetesClient client() {
    return client;
  }

  /** Another admin client, closed with the control plane. */
  public KubernetesClient newClient() {
    return controlPlane.newClient(controlPlane.adminConfig());
  }

  /** Counts, from now on, the API requests of users that {@code users} accepts. */
  public RequestTally requests(Predicate<String> users) {
    return controlPlane.requests(users);
  }

  /**
   * Creates {@code name} unless it exists, and waits for its default ServiceAccount (Pods need it).
   * The namespace goes with everything in it when this cluster is closed.
   */
  public void createNamespace(String name) {
    namespaces.add(name);
    // A namespace an earlier test left is still being emptied: wait until it is gone.
    client.namespaces().withName(name).waitUntilCondition(namespace -> namespace == null
        || namespace.getMetadata().getDeletionTimestamp() == null, NAMESPACE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(NonDeletingOperation::update);
    client.serviceAccounts().inNamespace(name).withName("default")
        .waitUntilCondition(account -> account != null, NAMESPACE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Creates or updates every resource in the {@code *.yaml} / {@code *.yml} files of {@code directory}. */
  public void applyCrds(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
          .toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          for (HasMetadata resource : client.load(in).items()) {
            client.resource(resource).forceConflicts().serverSideApply();
            if (resource instanceof CustomResourceDefinition) {
              awaitEstablished(resource.getMetadata().getName());
            }
            LOG.debug("applied {} {}", resource.getKind(), resource.getMetadata().getName());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitEstablished(String name) {
    client.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(crd ->
        crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
            && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())),
        ESTABLISHED_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Writes an admin kubeconfig whose current context points at this cluster. */
  public Path writeKubeconfig(Path file) {
    return controlPlane.writeAdminKubeconfig(file);
  }

  private KubernetesClient nodeClient(String name) {
    return controlPlane.newClient(controlPlane.userConfig(NodeAgent.user(name), List.of(NodeAgent.GROUP)));
  }

  /**
   * Deletes the namespaces made through {@link #createNamespace} (so that what a test left cannot
   * act on the next one), stops the node (removing its podman pods) and deletes its Node object; the
   * control plane stays.
   */
  @Override
  public void close() {
    namespaces.forEach(name -> client.namespaces().withName(name).delete());
    namespaces.clear();
    if (node != null) {
      try {
        node.close();
      } catch (Exception e) {
        LOG.warn("could not stop node {}: {}", nodeName, e.getMessage());
      }
      try {
        client.nodes().withName(nodeName).delete();
      } catch (KubernetesClientException e) {
        LOG.debug("could not delete node {}: {}", nodeName, e.getMessage());
      }
    }
  }
}
