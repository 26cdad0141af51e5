package io.cronium.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LogLine;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.cronium.operator.variables.VariableStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator bound by the chart's namespace-scoped RBAC (hack/chart-values/namespaced.yaml: a Role
 * in team-a and team-b, ServiceAccount cronium) and watching only those namespaces, as the chart's
 * Deployment configures it. A run goes its whole way (Pod, status, log tail, variables, Events) with
 * those grants alone; an Event in a namespace it does not watch is left alone.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = LocalClusterResource.INSTALL_MODE, value = "NAMESPACED"))
class NamespacedInstallTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @InjectLocalCluster LocalCluster cluster;

  private JobRun runTo(KubernetesClient client, String namespace, String name) {
    Event event = TestRuns.bashEvent(name, "echo hi");
    event.getMetadata().setNamespace(namespace);
    client.resource(event).create();
    return client.resource(TestRuns.newRun(namespace, name + "-1", name)).create();
  }

  @Test
  void aRunInAWatchedNamespaceGoesItsWholeWayWithTheNamespacedRoles() {
    KubernetesClient client = cluster.client();
    ScriptedPodLogs.INSTANCE.serve("team-a", "scoped-1",
        List.of(new LogLine(Instant.parse("2026-12-01T10:00:00Z"), "hello from team-a")));
    runTo(client, "team-a", "scoped");
    await().atMost(WAIT).until(() -> client.pods().inNamespace("team-a").withName("scoped-1").get() != null);
    TestRuns.writePodStatus(client, "team-a", "scoped-1", TestRuns.running(Instant.now().toString()));
    TestRuns.writePodStatus(client, "team-a", "scoped-1",
        TestRuns.terminated(0, "{\"exitCode\":0,\"output\":{\"ok\":true},\"variables\":{\"seen\":1}}"));

    JobRun done = await().atMost(WAIT).until(
        () -> client.resources(JobRun.class).inNamespace("team-a").withName("scoped-1").get(),
        run -> run.phase() == JobRunPhase.Succeeded);
    assertThat(done.getStatus().getOutput().get("ok").asBoolean()).isTrue();
    assertThat(done.getStatus().getLogTail()).isEqualTo("hello from team-a\n");
    assertThat(client.configMaps().inNamespace("team-a").withName(VariableStore.CONFIG_MAP_NAME).get().getData())
        .containsEntry("seen", "1");
    await().atMost(WAIT).until(() -> client.resources(Event.class).inNamespace("team-a").withName("scoped").get(),
        event -> event.getStatus() != null && event.getStatus().getRunCounts().getSucceeded() == 1);
    assertThat(client.events().v1().events().inNamespace("team-a").list().getItems()).isNotEmpty();
  }

  @Test
  void anEventInANamespaceItDoesNotWatchIsLeftAlone() {
    KubernetesClient client = cluster.client();
    cluster.createNamespace("team-z");
    runTo(client, "team-z", "outside");
    // Created after the other: once the operator handled it, it would have seen the first too.
    runTo(client, "team-b", "inside");

    await().atMost(WAIT).until(() -> client.pods().inNamespace("team-b").withName("inside-1").get() != null);
    assertThat(client.pods().inNamespace("team-z").list().getItems()).isEmpty();
    assertThat(client.resources(JobRun.class).inNamespace("team-z").withName("outside-1").get().getStatus()).isNull();
  }
}
