package io.cronium.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LogLine;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.RequestTally;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * API tier: {@code kubectl cronium logs} against the real operator and a fake node whose
 * {@code pods/log} answers are scripted, in a cluster that does not serve the log API (so the
 * command reads {@code pods/log}; LogsCommandThroughLogApiTest reads through the log API).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = LocalClusterResource.LOG_API, value = "false"))
class LogsCommandTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");
  /** Nine lines; the third and fourth, and the sixth and seventh, share their timestamps. */
  static final List<LogLine> LOG = List.of(
      line(100, 1), line(500, 2), line(1200, 3), line(1200, 4), line(1700, 5),
      line(2000, 6), line(2000, 7), line(3100, 8), line(3900, 9));

  @InjectLocalCluster LocalCluster cluster;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  static LogLine line(long millis, int number) {
    return new LogLine(START.plusMillis(millis), "line " + number);
  }


  private int logs(String... args) {
    return logsAs(cluster::newClient, args);
  }

  private int logsAs(Supplier<KubernetesClient> clients, String... args) {
    CommandLine cli = CroniumCli.commandLine(clients);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void followerPrintsEveryLineOnceThroughTwoCutsAndAnErrorAndExitsWithTheRunsCode() {
    KubernetesClient client = cluster.client();
    String ns = "logs-follow";
    cluster.createNamespace(ns);
    TestRuns.startRunningRun(client, ns, "cut", WAIT);
    AtomicInteger requests = new AtomicInteger();
    ScriptedPodLogs.INSTANCE.serve(ns, "cut-1", (pod, container) -> switch (requests.incrementAndGet()) {
      case 1 -> LOG.subList(0, 3);  // cut between two lines of one instant
      case 2 -> throw new IllegalStateException("connection to the node reset");
      case 3 -> LOG.subList(0, 6);  // cut again between two lines of one instant
      default -> LOG;
    });

    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> logs("logs", "-f", "cut-1", "-n", ns));
    await().atMost(WAIT).until(() -> requests.get() >= 4);
    assertThat(exit).as("still following while the run runs").isNotDone();
    setPodStatus(client, ns, "cut-1", TestRuns.terminated(3, "{\"exitCode\":3}"));

    assertThat(exit).succeedsWithin(WAIT).isEqualTo(3);
    assertThat(out.toString()).isEqualTo(TestRuns.numberedLines(1, 9));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void afterThePodIsGoneTheStoredTailIsPrinted() {
    KubernetesClient client = cluster.client();
    String ns = "logs-stored";
    cluster.createNamespace(ns);
    TestRuns.startRunningRun(client, ns, "gone", WAIT);
    ScriptedPodLogs.INSTANCE.serve(ns, "gone-1", LOG);
    setPodStatus(client, ns, "gone-1", TestRuns.terminated(5, "{\"exitCode\":5}"));
    await().atMost(WAIT).until(() -> run(client, ns, "gone-1").phase() == JobRunPhase.Failed);

    client.pods().inNamespace(ns).withName("gone-1").delete();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName("gone-1").get() == null);

    assertThat(logs("logs", "-f", "gone-1", "-n", ns)).isEqualTo(5);
    assertThat(out.toString()).isEqualTo(TestRuns.numberedLines(1, 9));
  }

  @Test
  void readingALogCostsOneRequestEachForTheRunItsPodAndTheLogWithTheRightsTheDocsName() {
    KubernetesClient client = cluster.client();
    String ns = "logs-rights";
    cluster.createNamespace(ns);
    String user = "log-reader";
    grant(client, user, "pods", "pods/log");
    TestRuns.startRunningRun(client, ns, "rights", WAIT);
    ScriptedPodLogs.INSTANCE.serve(ns, "rights-1", LOG);
    RequestTally requests = cluster.requests(user::equals);

    assertThat(logsAs(clientsOf(user), "logs", "rights-1", "-n", ns)).isZero();

    assertThat(out.toString()).isEqualTo(TestRuns.numberedLines(1, 9));
    await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> assertThat(requests.snapshot())
        .isEqualTo(Map.of("GET jobruns", 1L, "GET pods", 1L, "GET pods/log", 1L)));
  }

  @Test
  void aUserWhoMayNotReadPodLogsGetsTheStoredTailNotTheRefusalAsLogLines() {
    KubernetesClient client = cluster.client();
    String ns = "logs-refused";
    cluster.createNamespace(ns);
    String user = "log-less";
    grant(client, user, "pods");
    TestRuns.startRunningRun(client, ns, "refused", WAIT);
    ScriptedPodLogs.INSTANCE.serve(ns, "refused-1", LOG);
    RequestTally requests = cluster.requests(user::equals);

    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> logsAs(clientsOf(user), "logs", "-f", "refused-1", "-n", ns));
    await().atMost(WAIT).until(() -> requests.snapshot().containsKey("GET pods/log"));
    setPodStatus(client, ns, "refused-1", TestRuns.terminated(5, "{\"exitCode\":5}"));
    await().atMost(WAIT).until(() -> run(client, ns, "refused-1").phase() == JobRunPhase.Failed);
    // Refused again once the container has ended, then the Pod goes.
    requests.reset();
    await().atMost(WAIT).until(() -> requests.snapshot().containsKey("GET pods/log"));
    client.pods().inNamespace(ns).withName("refused-1").delete();

    assertThat(exit).succeedsWithin(WAIT).isEqualTo(5);
    assertThat(out.toString()).isEqualTo(TestRuns.numberedLines(1, 9));
  }

  /** Lets {@code user} get JobRuns and, in the core group, {@code podResources}. */
  private static void grant(KubernetesClient client, String user, String... podResources) {
    String role = "cronium-test-" + user;
    client.resource(new ClusterRoleBuilder().withNewMetadata().withName(role).endMetadata()
        .addNewRule().withApiGroups("cronium.io").withResources("jobruns").withVerbs("get").endRule()
        .addNewRule().withApiGroups("").withResources(podResources).withVerbs("get").endRule()
        .build()).forceConflicts().serverSideApply();
    client.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(role).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
        .addNewSubject().withKind("User").withName(user).endSubject()
        .build()).forceConflicts().serverSideApply();
  }

  private Supplier<KubernetesClient> clientsOf(String user) {
    ControlPlane controlPlane = cluster.controlPlane();
    return () -> controlPlane.newClient(controlPlane.userConfig(user, List.of()));
  }

  @Test
  void anUnknownRunIsAnError() {
    assertThat(logs("logs", "nobody", "-n", "logs-none")).isEqualTo(1);
    assertThat(err.toString()).contains("JobRun \"nobody\" not found in namespace \"logs-none\"");
  }


  private static JobRun run(KubernetesClient client, String ns, String name) {
    return client.resources(JobRun.class).inNamespace(ns).withName(name).get();
  }

  private static void setPodStatus(KubernetesClient client, String ns, String name, PodStatus status) {
    TestRuns.writePodStatus(client, ns, name, status);
  }
}
