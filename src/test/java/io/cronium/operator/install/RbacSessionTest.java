package io.cronium.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.ActionState;
import io.cronium.api.v1alpha1.ActionTrigger;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.api.v1alpha1.ScheduleSpec;
import io.cronium.localcluster.LocalCluster;
import io.cronium.tools.ToolSecrets;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ShiftableClock;
import io.cronium.operator.variables.VariableStore;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC is exactly what the operator uses. A session of the real operator against
 * the mock API server (leader election; a hand-made run that is adopted, succeeds and has its
 * log read and saves variables, and a second that updates them; one stopped past its deadline; one for a missing Event; one whose Pod the informer
 * has not seen; scheduled runs, one of which already exists, that fail and are removed by the
 * history limit) records every API call; each must be allowed by the rendered RBAC of every install mode, and each granted verb
 * must have been used.
 */
@QuarkusTest
@TestProfile(RecordedSession.class)
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class RbacSessionTest {

  private static final String NAMESPACE = "audited";
  /** Generous: CI runs the whole suite on two CPUs, and each wait ends as soon as it holds. */
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Allowed to every authenticated user by Kubernetes' default system:basic-user role. */
  private static final Set<String> SELF_REVIEWS =
      Set.of("selfsubjectrulesreviews", "selfsubjectaccessreviews");

  /**
   * JOSDK refuses to start leader election unless a SelfSubjectRulesReview shows these verbs on the
   * Lease, whether or not a short session gets to use them (the real API server proved it).
   */
  private static final Set<String> CHECKED_AT_START = Set.of(
      "coordination.k8s.io/leases get", "coordination.k8s.io/leases create", "coordination.k8s.io/leases update");

  @InjectLocalCluster LocalCluster cluster;

  @Test
  void everyApiCallIsGrantedAndEveryGrantIsUsed() throws IOException {
    List<ApiCall> calls = recordSession();
    assertThat(calls).as("a finished run's log is one pods/log request, without a list or watch of the Pod first")
        .noneMatch(call -> call.resource().equals("pods") && NAMESPACE.equals(call.namespace())
            && (call.verb().equals("list") || call.verb().equals("watch")));
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

      Set<String> used = calls.stream().map(RbacSessionTest::grantKey).collect(Collectors.toCollection(TreeSet::new));
      used.addAll(CHECKED_AT_START);
      List<String> unused = new ArrayList<>();
      for (PolicyRule rule : grants.allRules()) {
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String verb : rule.getVerbs()) {
              String key = (group.isEmpty() ? "core" : group) + "/" + resource + " " + verb;
              if (!used.contains(key)) {
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
   * The real API server, given the chart's cluster-mode RBAC, lets the operator's ServiceAccount
   * get a tool Secret and the variables ConfigMap by name, and nothing more of either.
   */
  @Test
  void theOperatorsAccountCannotListSecretsOrReadOtherConfigMaps() {
    KubernetesClient admin = cluster.client();
    String namespace = "rbac-narrow";
    cluster.createNamespace(namespace);
    RenderedManifests clusterMode = RenderedManifests.load(Path.of("deploy"));
    RbacGrants grants = new RbacGrants(clusterMode.objects());
    assertThat(grants.watchedNamespaces).as("deploy/ is the cluster-mode install").isEmpty();
    clusterMode.objects().stream()
        .filter(object -> object instanceof ClusterRole || object instanceof ClusterRoleBinding)
        .forEach(object -> admin.resource(object).createOr(NonDeletingOperation::update));
    admin.resource(new SecretBuilder().withNewMetadata().withName("a-tool").withNamespace(namespace)
        .endMetadata().withStringData(Map.of("url", "https://example.org")).build()).create();
    admin.resource(new ConfigMapBuilder().withNewMetadata().withName("someone-elses").withNamespace(namespace)
        .endMetadata().build()).create();
    String account = "system:serviceaccount:" + grants.operatorNamespace + ":" + grants.serviceAccount;
    KubernetesClient operator = cluster.controlPlane().newClient(cluster.controlPlane().userConfig(account,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + grants.operatorNamespace)));

    assertThat(operator.secrets().inNamespace(namespace).withName("a-tool").get()).isNotNull();
    assertThat(operator.configMaps().inNamespace(namespace).withName(VariableStore.CONFIG_MAP_NAME).get()).isNull();
    assertForbidden(() -> operator.secrets().inNamespace(namespace).list());
    assertForbidden(() -> operator.secrets().inAnyNamespace().list());
    assertForbidden(() -> operator.configMaps().inNamespace(namespace).withName("someone-elses").get());
    assertForbidden(() -> operator.configMaps().inNamespace(namespace).list());
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class,
        refused -> assertThat(refused.getCode()).isEqualTo(403));
  }

  /**
   * Where the call must be allowed. The session ran across all namespaces; a namespace-scoped
   * install makes the same calls in each watched namespace instead.
   */
  private static List<String> namespacesNeeding(ApiCall call, RbacGrants grants) {
    if (call.resource().equals("leases")) {
      return List.of(grants.operatorNamespace);
    }
    if ("kube-system".equals(call.namespace())) {
      // The API server's own objects (the log API's front-proxy CA), in every install mode.
      return List.of("kube-system");
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
    cluster.createNamespace(NAMESPACE);
    Event event = TestRuns.bashEvent("audited", "echo hi");
    event.getMetadata().setNamespace(NAMESPACE);
    event.getSpec().setActions(
        List.of(TestRuns.notifyAction(ActionTrigger.Always, "audited-tool", "s", "{{run.phase}}")));
    client.resource(event).create();
    // Nothing listens on port 9: the send fails, after reading the tool Secret.
    client.resource(new SecretBuilder().withNewMetadata().withName("audited-tool").withNamespace(NAMESPACE)
        .withLabels(java.util.Map.of(ToolSecrets.TYPE_LABEL, "webhook")).endMetadata()
        .withStringData(java.util.Map.of("url", "http://127.0.0.1:9/hook")).build()).create();
    Event slow = TestRuns.bashEvent("audited-slow", "sleep 60");
    slow.getMetadata().setNamespace(NAMESPACE);
    slow.getSpec().setTimeoutSeconds(1);
    client.resource(slow).create();

    client.resource(TestRuns.newRun(NAMESPACE, "audited-1", "audited")).create();
    client.resource(TestRuns.newRun(NAMESPACE, "audited-2", "audited-slow")).create();
    client.resource(TestRuns.newRun(NAMESPACE, "orphan-1", "missing")).create();

    awaitPod(client, "audited-1");
    setPodStatus(client, "audited-1",
        TestRuns.terminated(0, "{\"exitCode\":0,\"variables\":{\"first\":1}}"));
    awaitPod(client, "audited-2");
    setPodStatus(client, "audited-2", TestRuns.running(ShiftableClock.INSTANCE.instant().toString()));

    await().atMost(WAIT).until(() -> phase(client, "audited-1") == JobRunPhase.Succeeded);
    await().atMost(WAIT).until(() -> client.resources(JobRun.class).inNamespace(NAMESPACE)
        .withName("audited-1").get().getStatus().getActions().stream()
        .anyMatch(record -> record.getState() == ActionState.Failed));
    await().atMost(WAIT).until(() -> phase(client, "audited-2") == JobRunPhase.TimedOut);
    await().atMost(WAIT).until(() -> {
      JobRun orphan = client.resources(JobRun.class).inNamespace(NAMESPACE).withName("orphan-1").get();
      return orphan.getStatus() != null && JobRunReasons.EVENT_NOT_FOUND.equals(orphan.getStatus().getReason());
    });
    await().atMost(WAIT).until(() -> client.pods().inNamespace(NAMESPACE).withName("audited-2").get() == null);

    aSecondRunUpdatesTheVariables(client);
    podTheInformerHasNotSeen(client);
    scheduledRunsFailAndExpire(client);
    return RecordedSession.calls();
  }

  /** The first run created the namespace's variables ConfigMap; this one updates it. */
  private void aSecondRunUpdatesTheVariables(KubernetesClient client) {
    client.resource(TestRuns.newRun(NAMESPACE, "audited-4", "audited")).create();
    awaitPod(client, "audited-4");
    setPodStatus(client, "audited-4",
        TestRuns.terminated(0, "{\"exitCode\":0,\"variables\":{\"second\":2}}"));
    await().atMost(WAIT).until(() -> phase(client, "audited-4") == JobRunPhase.Succeeded);
  }

  /**
   * A run whose Pod exists but is not (yet) in the operator's Pod informer, as right after a
   * create or a restart: the operator reads it from the API server instead of creating another.
   */
  private void podTheInformerHasNotSeen(KubernetesClient client) {
    client.resource(new PodBuilder().withNewMetadata().withName("audited-3").withNamespace(NAMESPACE)
        .endMetadata().withNewSpec().addNewContainer().withName("runtime").withImage("cronium/runtime-api:0.1.0")
        .endContainer().endSpec().build()).create();
    client.resource(TestRuns.newRun(NAMESPACE, "audited-3", "audited")).create();
    await().atMost(WAIT).until(() -> RecordedSession.calls().contains(
        new ApiCall("", "pods", "get", NAMESPACE, "audited-3")));
  }

  private void scheduledRunsFailAndExpire(KubernetesClient client) {
    Event cron = TestRuns.bashEvent("audited-cron", "exit 1");
    cron.getMetadata().setNamespace(NAMESPACE);
    ScheduleSpec schedule = new ScheduleSpec();
    schedule.setCron("* * * * *");
    cron.getSpec().setSchedule(schedule);
    cron.getSpec().setFailedRunsHistoryLimit(0);
    Event created = client.resource(cron).create();
    await().atMost(WAIT).until(() -> event(client, "audited-cron").getStatus() != null
        && event(client, "audited-cron").getStatus().getNextScheduleTime() != null);

    Instant first = Instant.parse(event(client, "audited-cron").getStatus().getNextScheduleTime());
    advanceTo(first.plusSeconds(1));
    touch(client, "audited-cron", "1");
    failRun(client, JobRuns.scheduled(created, first));
    // The next slot's name is taken by a run this Event's informer does not show (as after a
    // lost lease or with a stale cache): the create answers AlreadyExists and the run is read.
    JobRun taken = JobRuns.scheduled(created, first.plusSeconds(60));
    taken.getSpec().getEventRef().setName("someone-else");
    taken.getMetadata().setOwnerReferences(List.of());
    taken.getMetadata().setLabels(java.util.Map.of());
    client.resource(taken).create();
    advanceTo(first.plusSeconds(61));
    touch(client, "audited-cron", "2");
    await().atMost(WAIT).until(() -> RecordedSession.calls().contains(
        new ApiCall("cronium.io", "jobruns", "get", NAMESPACE, taken.getMetadata().getName())));
    touch(client, "audited-cron", "3");
    await().atMost(WAIT).until(() -> client.resources(JobRun.class).inNamespace(NAMESPACE)
        .withLabel(JobRunLabels.EVENT, "audited-cron").list().getItems().isEmpty());
  }

  private static void advanceTo(Instant instant) {
    ShiftableClock.INSTANCE.advance(Duration.between(ShiftableClock.INSTANCE.instant(), instant));
  }

  private static void failRun(KubernetesClient client, JobRun run) {
    awaitPod(client, run.getMetadata().getName());
    setPodStatus(client, run.getMetadata().getName(), TestRuns.terminated(1, "{\"exitCode\":1}"));
  }

  private static Event event(KubernetesClient client, String name) {
    return client.resources(Event.class).inNamespace(NAMESPACE).withName(name).get();
  }

  private static void touch(KubernetesClient client, String name, String value) {
    client.resources(Event.class).inNamespace(NAMESPACE).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"test/touch\":\"" + value + "\"}}}");
  }

  private static JobRunPhase phase(KubernetesClient client, String name) {
    return client.resources(JobRun.class).inNamespace(NAMESPACE).withName(name).get().phase();
  }

  private static void awaitPod(KubernetesClient client, String name) {
    await().atMost(WAIT).until(() -> client.pods().inNamespace(NAMESPACE).withName(name).get() != null);
  }

  private static void setPodStatus(KubernetesClient client, String name, PodStatus status) {
    TestRuns.writePodStatus(client, NAMESPACE, name, status);
  }
}
