package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Kubernetes API server on 127.0.0.1 over plain HTTP: the fabric8 mock in CRUD mode with
 * {@link CroniumCrudDispatcher}, the CRDs of a directory applied, and optionally a
 * {@link PodmanNode} that runs the Pods. Start one with {@link #builder()}.
 */
public final class LocalCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  /** The mock web server logs every request at INFO; held here so that the lowered level sticks. */
  private static final java.util.logging.Logger REQUEST_LOG =
      java.util.logging.Logger.getLogger(MockWebServer.class.getName());

  static {
    REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final MockWebServer webServer = new MockWebServer();
  private final KubernetesMockServer server;
  private final CroniumCrudDispatcher dispatcher;
  private final KubernetesClient client;
  private final ScheduledExecutorService housekeeping;
  private volatile PodmanNode node;

  private LocalCluster(Builder builder) {
    // The node exists only after the server (it needs a client), so logs are looked up through it lazily.
    PodLogSource logs = builder.podLogSource != null
        ? builder.podLogSource
        : (pod, container) -> node == null ? List.of() : node.logs().lines(pod, container);
    dispatcher = new CroniumCrudDispatcher(logs, builder.accessPolicy);
    server = new KubernetesMockServer(new Context(), webServer, new HashMap<>(), dispatcher, false);
    try {
      server.start(InetAddress.getLoopbackAddress(), builder.port);
    } catch (RuntimeException e) {
      // The web server's Vert.x threads would otherwise keep the JVM alive (port in use, say).
      server.destroy();
      throw e;
    }
    client = newClient();
    // The mock web server records every request for test assertions; drop the record of a long run.
    housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "local-cluster-housekeeping");
      thread.setDaemon(true);
      return thread;
    });
    housekeeping.scheduleWithFixedDelay(webServer::reset, 1, 1, TimeUnit.MINUTES);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How to start a {@link LocalCluster}; every setting is optional. */
  public static final class Builder {

    private int port;
    private Path crdDirectory;
    private Path kubeconfig;
    private PodmanNode.Options nodeOptions;
    private PodLogSource podLogSource;
    private AccessPolicy accessPolicy = AccessPolicy.ALLOW_ALL;

    private Builder() {
    }

    /** The port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Applies every {@code *.yaml} / {@code *.yml} in this directory (CRDs) before start() returns. */
    public Builder crds(Path directory) {
      this.crdDirectory = directory;
      return this;
    }

    /** Writes a kubeconfig for this cluster to {@code file} once started. */
    public Builder kubeconfig(Path file) {
      this.kubeconfig = file;
      return this;
    }

    /** Runs Pods with a {@link PodmanNode}; its logs then answer {@code pods/log}. */
    public Builder podmanNode(PodmanNode.Options options) {
      this.nodeOptions = options;
      return this;
    }

    /** Answers {@code pods/log} from this source (for tests without a node). */
    public Builder podLogSource(PodLogSource source) {
      this.podLogSource = source;
      return this;
    }

    /** Answers TokenReviews and SubjectAccessReviews (default: {@link AccessPolicy#ALLOW_ALL}). */
    public Builder accessPolicy(AccessPolicy policy) {
      this.accessPolicy = policy;
      return this;
    }

    public LocalCluster start() {
      if (nodeOptions != null && podLogSource != null) {
        throw new IllegalStateException("a podman node serves the pod logs itself; set either, not both");
      }
      if (nodeOptions != null && !PodmanNode.podmanAvailable(nodeOptions)) {
        throw new IllegalStateException("podman is not usable (" + nodeOptions.podmanExecutable()
            + "); run hack/install-deps.sh, and set CONTAINERS_CONF on this machine");
      }
      LocalCluster cluster = new LocalCluster(this);
      try {
        cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default")
            .endMetadata().build()).createOr(NonDeletingOperation::update);
        if (crdDirectory != null) {
          cluster.applyCrds(crdDirectory);
        }
        if (kubeconfig != null) {
          cluster.writeKubeconfig(kubeconfig);
        }
        if (nodeOptions != null) {
          cluster.node = new PodmanNode(cluster.client, nodeOptions).start();
        }
        return cluster;
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    }
  }

  /** {@code http://127.0.0.1:<port>} */
  /** Counts of the requests this cluster answered, by method and resource type. */
  public RequestTally requests() {
    return dispatcher.requests();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getPort();
  }

  /** A client for this cluster (namespace {@code default}), closed with the cluster. */
  public KubernetesClient client() {
    return client;
  }

  /** Another client for this cluster; the caller closes it. */
  public KubernetesClient newClient() {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace("default")
        .withHttp2Disable(true)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  public Optional<PodmanNode> node() {
    return Optional.ofNullable(node);
  }

  /** Creates or replaces every resource in the {@code *.yaml} / {@code *.yml} files of {@code directory}. */
  public void applyCrds(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
          .toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          for (HasMetadata resource : client.load(in).items()) {
            client.resource(resource).createOr(NonDeletingOperation::update);
            LOG.info("applied {} {}", resource.getKind(), resource.getMetadata().getName());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a kubeconfig whose current context points at this cluster. */
  public Path writeKubeconfig(Path file) {
    return Kubeconfig.write(file, url());
  }

  /** Stops the node (removing its podman pods), the client and the server. */
  @Override
  public void close() {
    if (node != null) {
      node.close();
    }
    housekeeping.shutdownNow();
    client.close();
    server.destroy();
  }
}
