package io.cronium.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.RequestTally;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.CuttableProxy;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.Kubectl;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * API tier: {@code kubectl cronium logs -f} through the log API, its connection to the API
 * server cut twice while the run prints.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class LogsCommandThroughLogApiTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String USER = "log-follower";

  @InjectLocalCluster LocalCluster cluster;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aFollowerCutTwicePrintsEveryLineOnceAndExitsWithTheRunsCode() {
    KubernetesClient client = cluster.client();
    String ns = "logs-api-cut";
    cluster.createNamespace(ns);
    TestRuns.startRunningRun(client, ns, "cut", WAIT);
    AtomicInteger shown = new AtomicInteger(4);
    ScriptedPodLogs.INSTANCE.serve(ns, "cut-1", (pod, container) -> LogsCommandTest.LOG.subList(0, shown.get()));
    ControlPlane controlPlane = cluster.controlPlane();
    // The user may get JobRuns and, through view, their logs in the namespace: not pods/log.
    Kubectl admin = Kubectl.as(cluster, ControlPlane.ADMIN_USER, List.of(ControlPlane.MASTERS));
    admin.run("create", "role", "jobrun-reader", "-n", ns, "--verb=get", "--resource=jobruns.cronium.io");
    admin.run("create", "rolebinding", "jobrun-reader", "-n", ns, "--role=jobrun-reader", "--user=" + USER);
    admin.run("create", "rolebinding", "log-viewer", "-n", ns, "--clusterrole=cronium-operator-log-reader",
        "--user=" + USER);
    RequestTally requests = cluster.requests(USER::equals);

    try (CuttableProxy proxy = new CuttableProxy(URI.create(controlPlane.url()).getPort())) {
      Config config = controlPlane.userConfig(USER, List.of());
      config.setMasterUrl("https://127.0.0.1:" + proxy.port());
      CommandLine cli = CroniumCli.commandLine(() -> controlPlane.newClient(config));
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("logs", "-f", "cut-1", "-n", ns));

      await().atMost(WAIT).until(() -> out.toString().equals(TestRuns.numberedLines(1, 4)));
      proxy.cut();
      shown.set(7);
      await().atMost(WAIT).until(() -> out.toString().equals(TestRuns.numberedLines(1, 7)));
      proxy.cut();
      shown.set(9);
      TestRuns.writePodStatus(client, ns, "cut-1", TestRuns.terminated(3, "{\"exitCode\":3}"));

      assertThat(exit).succeedsWithin(WAIT).isEqualTo(3);
    }
    assertThat(out.toString()).isEqualTo(TestRuns.numberedLines(1, 9));
    assertThat(err.toString()).isEmpty();
    // Read through the log API each time, never from pods/log (which the user may not read).
    assertThat(requests.snapshot()).containsKey("GET jobruns/log").doesNotContainKey("GET pods/log");
    assertThat(requests.snapshot().get("GET jobruns/log")).isGreaterThanOrEqualTo(3L);
  }

}
