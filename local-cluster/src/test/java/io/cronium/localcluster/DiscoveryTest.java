package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Discovery as the fabric8 client and kubectl read it; kubectl runs when /usr/bin/kubectl exists. */
class DiscoveryTest {

  static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  @TempDir
  static Path temp;
  static LocalCluster cluster;
  static KubernetesClient client;
  static Path kubeconfig;

  @BeforeAll
  static void start() {
    kubeconfig = temp.resolve("kubeconfig");
    cluster = LocalCluster.builder()
        .crds(Path.of("src/test/resources/crds"))
        .kubeconfig(kubeconfig)
        .podLogSource((pod, container) -> List.of(new LogLine(Instant.now(), "hello from " + pod.getMetadata().getName())))
        .start();
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void fabric8SeesTheVersionTheCoreKindsAndEveryStoredCrd() {
    assertThat(client.getKubernetesVersion().getMajor()).isEqualTo("1");
    assertThat(client.getApiGroups().getGroups()).extracting(APIGroup::getName)
        .contains("coordination.k8s.io", "apiextensions.k8s.io", "test.localcluster.io");
    assertThat(client.getApiResources("v1").getResources()).extracting(APIResource::getName)
        .contains("pods", "pods/log", "pods/status", "events", "configmaps", "secrets", "namespaces", "services");
    assertThat(client.getApiResources("coordination.k8s.io/v1").getResources()).extracting(APIResource::getName)
        .containsExactly("leases");
    assertThat(client.getApiResources("test.localcluster.io/v1").getResources())
        .extracting(APIResource::getName)
        .containsExactlyInAnyOrder("widgets", "widgets/status", "gadgets");
    assertThat(client.supports("test.localcluster.io/v1", "Widget")).isTrue();
  }

  @Test
  void aNewCrdIsDiscoverableAtOnce() throws IOException {
    Path crd = temp.resolve("crds");
    Files.createDirectories(crd);
    Files.writeString(crd.resolve("things.yaml"), Files.readString(Path.of("src/test/resources/crds/gadgets.yaml"))
        .replace("gadgets", "things").replace("gadget", "thing").replace("Gadget", "Thing")
        .replace("test.localcluster.io", "other.localcluster.io"));
    cluster.applyCrds(crd);

    assertThat(client.getApiGroups().getGroups()).extracting(APIGroup::getName).contains("other.localcluster.io");
    assertThat(client.getApiResources("other.localcluster.io/v1").getResources()).extracting(APIResource::getName)
        .containsExactly("things");
  }

  @Test
  void kubectlAppliesGetsWithPrinterColumnsPatchesAndDeletes() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "no kubectl at " + KUBECTL + ": kubectl checks skipped");
    Path widget = temp.resolve("widget.yaml");
    Files.writeString(widget, """
        apiVersion: test.localcluster.io/v1
        kind: Widget
        metadata:
          name: from-kubectl
        spec:
          size: 3
        """);

    assertThat(kubectl("apply", "--validate=false", "-f", widget.toString())).contains("widget.test.localcluster.io/from-kubectl created");
    assertThat(kubectl("get", "widgets")).containsPattern("NAME +SIZE +PHASE +AGE\\s+from-kubectl +3 ");
    assertThat(kubectl("get", "wdg", "from-kubectl", "-o", "yaml")).contains("size: 3", "generation: 1");
    assertThat(kubectl("patch", "wdg", "from-kubectl", "--type", "merge", "-p", "{\"spec\":{\"size\":4}}")).contains("patched");
    assertThat(kubectl("get", "wdg", "from-kubectl", "-o", "jsonpath={.spec.size}")).isEqualTo("4");
    assertThat(kubectl("delete", "wdg", "from-kubectl")).contains("deleted");
    assertThat(kubectl("get", "widgets")).contains("No resources found");
  }

  @Test
  void kubectlReadsPodLogs() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "no kubectl at " + KUBECTL + ": kubectl checks skipped");
    client.resource(new PodBuilder().withNewMetadata().withName("talker").endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("example/image:1").endContainer().endSpec()
        .build()).create();

    assertThat(kubectl("get", "pods")).containsPattern("NAME +READY +STATUS +RESTARTS +AGE\\s+talker +0/1 +Pending +0 ");
    assertThat(kubectl("logs", "talker")).isEqualTo("hello from talker");
    assertThat(kubectl("auth", "can-i", "create", "pods")).isEqualTo("yes");
  }

  /** Runs kubectl against the cluster with a fresh discovery cache and returns its trimmed output. */
  static String kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", temp.resolve("kubectl-cache").toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(temp, "kubectl", ".out");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean finished = process.waitFor(30, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String text = Files.readString(output, StandardCharsets.UTF_8).trim();
    assertThat(finished).as("kubectl %s finished in 30 s: %s", List.of(args), text).isTrue();
    assertThat(process.exitValue()).as("kubectl %s: %s", List.of(args), text).isZero();
    return text;
  }
}
