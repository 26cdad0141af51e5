package io.cronium.localcluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalCluster} until SIGTERM or SIGINT: a real control plane with the CRDs applied,
 * an admin kubeconfig, and optionally the podman node.
 * {@code --crds DIR --kubeconfig FILE [--node] [--containers-conf FILE] [--state-dir DIR]
 * [--log-api-env FILE]}. With {@code --log-api-env}, the operator's log API {@code logs.cronium.io}
 * is registered for an operator run on this machine, and FILE gets the environment variables that
 * make it serve there (a shell can source it).
 */
public final class LocalClusterMain {

  private static final Logger LOG = LoggerFactory.getLogger(LocalClusterMain.class);
  private static final String USAGE = "usage: LocalClusterMain [--crds DIR] [--kubeconfig FILE] [--node]"
      + " [--containers-conf FILE] [--state-dir DIR] [--log-api-env FILE]";

  private LocalClusterMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    LocalCluster.Builder builder = LocalCluster.builder();
    PodmanNode.Options node = null;
    Path containersConf = null;
    Path stateDirectory = null;
    Path logApiEnvironment = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--crds" -> builder.crds(Path.of(args[++i]));
          case "--kubeconfig" -> builder.kubeconfig(Path.of(args[++i]));
          case "--node" -> node = PodmanNode.Options.defaults();
          case "--containers-conf" -> containersConf = Path.of(args[++i]);
          case "--state-dir" -> stateDirectory = Path.of(args[++i]);
          case "--log-api-env" -> logApiEnvironment = Path.of(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      System.err.println(e.getMessage() == null ? USAGE : e.getMessage() + "\n" + USAGE);
      System.exit(2);
    }
    if (node != null) {
      builder.podmanNode(node.withContainersConf(containersConf).withStateDirectory(stateDirectory));
    }
    LocalCluster cluster = builder.start();
    if (logApiEnvironment != null) {
      registerLogApi(cluster, logApiEnvironment);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping local cluster");
      cluster.close();
      cluster.controlPlane().close();
      stopped.countDown();
    }, "local-cluster-shutdown"));
    LOG.info("local cluster ready at {}", cluster.url());
    stopped.await();
  }

  private static void registerLogApi(LocalCluster cluster, Path environment) {
    LoopbackApiService api =
        LoopbackApiService.register(cluster, "logs.cronium.io", "v1alpha1", "cronium-operator", "cronium-system");
    try {
      Files.writeString(environment, "export CRONIUM_LOG_API_PORT=" + api.port() + "\n"
          + "export CRONIUM_LOG_API_TLS_CERT_FILE=" + api.certificate() + "\n"
          + "export CRONIUM_LOG_API_TLS_KEY_FILE=" + api.key() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
