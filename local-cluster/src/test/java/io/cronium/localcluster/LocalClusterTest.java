package io.cronium.localcluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LocalClusterTest {

  @TempDir
  Path temp;

  @Test
  void startsOnTheGivenPortWithCrdsAndWritesAWorkingKubeconfig() throws IOException {
    int port = freePort();
    Path kubeconfig = temp.resolve("nested/kubeconfig");
    try (LocalCluster cluster = LocalCluster.builder().port(port).crds(Path.of("src/test/resources/crds"))
        .kubeconfig(kubeconfig).start()) {
      assertThat(cluster.url()).isEqualTo("http://127.0.0.1:" + port);
      assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().list().getItems())
          .extracting(crd -> crd.getMetadata().getName())
          .containsExactlyInAnyOrder("widgets.test.localcluster.io", "gadgets.test.localcluster.io");
      assertThat(cluster.client().namespaces().withName("default").get()).isNotNull();

      try (KubernetesClient fromKubeconfig = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
        assertThat(fromKubeconfig.getMasterUrl().toString()).startsWith("http://127.0.0.1:" + port);
        assertThat(fromKubeconfig.getNamespace()).isEqualTo("default");
        assertThat(fromKubeconfig.getKubernetesVersion().getGitVersion()).startsWith("v1.");
      }
    }
  }

  @Test
  void mainLogsReadyAndStopsOnSigterm() throws Exception {
    int port = freePort();
    Path kubeconfig = temp.resolve("kubeconfig");
    Process main = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LocalClusterMain.class.getName(),
        "--port", String.valueOf(port), "--crds", "src/test/resources/crds", "--kubeconfig", kubeconfig.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader output = new BufferedReader(new InputStreamReader(main.getInputStream(), StandardCharsets.UTF_8))) {
      String ready = "local cluster ready at http://127.0.0.1:" + port;
      List<String> seen = new ArrayList<>();
      for (String line = output.readLine(); line != null && !line.contains(ready); line = output.readLine()) {
        seen.add(line);
      }
      assertThat(main.isAlive()).as("main still runs after: %s", seen).isTrue();
      assertThat(Files.readString(kubeconfig)).contains("server: http://127.0.0.1:" + port);

      main.destroy();

      assertThat(main.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    } finally {
      main.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
