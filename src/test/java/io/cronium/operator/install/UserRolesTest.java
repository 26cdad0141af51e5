package io.cronium.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.testing.OperatorIdentity;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's user-facing ClusterRoles, which the real controller manager aggregates into the
 * built-in roles: a user bound to {@code view} reads Events, runs and their logs, one bound to
 * {@code edit} also runs, suspends and cancels, as the built-in roles treat Jobs and CronJobs.
 */
class UserRolesTest {

  private static final String NAMESPACE = "user-roles";
  private static final Duration AGGREGATED = Duration.ofSeconds(30);

  private static LocalCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.builder().start();
    client = cluster.client();
    OperatorIdentity.install(cluster, OperatorIdentity.InstallMode.CLUSTER);
    cluster.createNamespace(NAMESPACE);
    bind("a-viewer", "view");
    bind("an-editor", "edit");
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  private static void bind(String user, String clusterRole) {
    client.resource(new RoleBindingBuilder().withNewMetadata().withName(user).withNamespace(NAMESPACE).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
        .addNewSubject().withKind("User").withName(user).endSubject().build()).forceConflicts().serverSideApply();
  }

  private static boolean may(String user, String verb, String group, String resource) {
    String[] parts = resource.split("/");
    SubjectAccessReview review = client.resource(new SubjectAccessReviewBuilder().withNewSpec().withUser(user)
        .withNewResourceAttributes().withNamespace(NAMESPACE).withVerb(verb).withGroup(group)
        .withResource(parts[0]).withSubresource(parts.length > 1 ? parts[1] : null).endResourceAttributes()
        .endSpec().build()).create();
    return review.getStatus().getAllowed();
  }

  @Test
  void viewReadsEventsRunsAndTheirLogsButChangesNothing() {
    await().atMost(AGGREGATED).until(() -> may("a-viewer", "watch", "cronium.io", "events"));

    assertThat(may("a-viewer", "list", "cronium.io", "jobruns")).isTrue();
    assertThat(may("a-viewer", "get", "cronium.io", "jobruns/status")).isTrue();
    assertThat(may("a-viewer", "get", "logs.cronium.io", "jobruns/log")).isTrue();
    assertThat(may("a-viewer", "create", "cronium.io", "jobruns")).isFalse();
    assertThat(may("a-viewer", "patch", "cronium.io", "events")).isFalse();
  }

  @Test
  void editAlsoRunsSuspendsAndCancelsButWritesNoStatus() {
    await().atMost(AGGREGATED).until(() -> may("an-editor", "create", "cronium.io", "jobruns"));

    assertThat(may("an-editor", "patch", "cronium.io", "events")).as("suspend").isTrue();
    assertThat(may("an-editor", "patch", "cronium.io", "jobruns")).as("cancel").isTrue();
    assertThat(may("an-editor", "delete", "cronium.io", "events")).isTrue();
    assertThat(may("an-editor", "list", "cronium.io", "events")).isTrue();
    assertThat(may("an-editor", "patch", "cronium.io", "jobruns/status")).isFalse();
  }
}
