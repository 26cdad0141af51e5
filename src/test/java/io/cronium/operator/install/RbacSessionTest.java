package io.cronium.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.event.Event;
import io.cronium.operator.jobrun.JobRun;
import io.cronium.operator.jobrun.JobRunPhase;
import io.cronium.operator.jobrun.JobRunReasons;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC is exactly what the operator uses. A session of the real operator against
 * the mock API server (a run that succeeds and has its log read, one stopped past its
 * deadline, one for a missing Event) records every API call; each must be allowed by the
 * rendered RBAC of every install mode, and each granted verb must have been used.
 */
@QuarkusTest
@TestProfile(RecordedSession.class)
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class RbacSessionTest {

  private static final String NAMESPACE = "audited";
  private static final Duration WAIT = Duration.ofSeconds(20);
  /**
   * Granted but not exercised by the session: the leader Lease (leader election is wired in
   * application code the mock session does not enable yet).
   */
  private static final Set<String> GRANTED_WITHOUT_SESSION =
      Set.of("coordination.k8s.io/leases get", "coordination.k8s.io/leases create",
          "coordination.k8s.io/leases update");
  /** Allowed to every authenticated user by Kubernetes' default system:basic-user role. */
  private static final Set<String> SELF_REVIEWS =
      Set.of("selfsubjectrulesreviews", "selfsubjectaccessreviews");

  @InjectLocalCluster LocalCluster cluster;

  @Test
  void everyApiCallIsGrantedAndEveryGrantIsUsed() throws IOException {
    List<ApiCall> calls = recordSession();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/rbac-session.txt"),
        calls.stream().map(ApiCall::toString).collect(Collectors.toCollection(TreeSet::new)));

    for (RenderedManifests manifests : RenderedManifests.underTest()) {
      RbacGrants grants = new RbacGrants(manifests.objects());
      List<String> denied = new ArrayList<>();
      for (ApiCall call : calls) {
        if (SELF_REVIEWS.contains(call.resource())) {
          continue;
        }
        for (String namespace : namespacesNeeding(call, grants)) {
          if (!grants.allows(call, namespace)) {
            denied.add(call + " -> denied " + (namespace == null ? "cluster-wide" : "in " + namespace));
          }
        }
      }
      assertThat(denied).as("API calls the RBAC in %s denies", manifests).isEmpty();

      Set<String> used = calls.stream().map(RbacSessionTest::grantKey).collect(Collectors.toSet());
      List<String> unused = new ArrayList<>();
      for (PolicyRule rule : grants.allRules()) {
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String verb : rule.getVerbs()) {
              String key = (group.isEmpty() ? "core" : group) + "/" + resource + " " + verb;
              if (!used.contains(key) && !GRANTED_WITHOUT_SESSION.contains(key)) {
                unused.add(key);
              }
            }
          }
        }
      }
      assertThat(unused).as("verbs granted in %s that the operator never uses", manifests).isEmpty();
    }
  }

  /**
   * Where the call must be allowed. The session ran across all namespaces; a namespace-scoped
   * install makes the same calls in each watched namespace instead.
   */
  private static List<String> namespacesNeeding(ApiCall call, RbacGrants grants) {
    if (call.resource().equals("leases")) {
      return List.of(grants.operatorNamespace);
    }
    List<String> where = new ArrayList<>();
    if (grants.watchedNamespaces.isEmpty()) {
      where.add(call.namespace());
    } else {
      where.addAll(grants.watchedNamespaces);
    }
    return where;
  }

  private static String grantKey(ApiCall call) {
    return (call.group().isEmpty() ? "core" : call.group()) + "/" + call.resource() + " " + call.verb();
  }

  private List<ApiCall> recordSession() {
    KubernetesClient client = cluster.client();
    Event event = TestRuns.bashEvent("audited", "echo hi");
    event.getMetadata().setNamespace(NAMESPACE);
    client.resource(event).create();
    Event slow = TestRuns.bashEvent("audited-slow", "sleep 60");
    slow.getMetadata().setNamespace(NAMESPACE);
    slow.getSpec().setTimeoutSeconds(1);
    client.resource(slow).create();

    client.resource(TestRuns.newRun(NAMESPACE, "audited-1", "audited")).create();
    client.resource(TestRuns.newRun(NAMESPACE, "audited-2", "audited-slow")).create();
    client.resource(TestRuns.newRun(NAMESPACE, "orphan-1", "missing")).create();

    awaitPod(client, "audited-1");
    setPodStatus(client, "audited-1", TestRuns.running("2026-11-28T10:00:01Z"));
    setPodStatus(client, "audited-1", TestRuns.terminated(0, "{\"exitCode\":0}"));
    awaitPod(client, "audited-2");
    setPodStatus(client, "audited-2", TestRuns.running(Instant.now().toString()));

    await().atMost(WAIT).until(() -> phase(client, "audited-1") == JobRunPhase.Succeeded);
    await().atMost(WAIT).until(() -> phase(client, "audited-2") == JobRunPhase.TimedOut);
    await().atMost(WAIT).until(() -> {
      JobRun orphan = client.resources(JobRun.class).inNamespace(NAMESPACE).withName("orphan-1").get();
      return orphan.getStatus() != null && JobRunReasons.EVENT_NOT_FOUND.equals(orphan.getStatus().getReason());
    });
    await().atMost(WAIT).until(() -> client.pods().inNamespace(NAMESPACE).withName("audited-2").get() == null);
    return RecordedSession.calls();
  }

  private static JobRunPhase phase(KubernetesClient client, String name) {
    return client.resources(JobRun.class).inNamespace(NAMESPACE).withName(name).get().phase();
  }

  private static void awaitPod(KubernetesClient client, String name) {
    await().atMost(WAIT).until(() -> client.pods().inNamespace(NAMESPACE).withName(name).get() != null);
  }

  private static void setPodStatus(KubernetesClient client, String name, PodStatus status) {
    Pod pod = client.pods().inNamespace(NAMESPACE).withName(name).get();
    pod.setStatus(status);
    client.resource(pod).updateStatus();
  }
}
