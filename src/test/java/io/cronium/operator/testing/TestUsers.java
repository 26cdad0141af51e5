package io.cronium.operator.testing;

import io.cronium.localcluster.LocalCluster;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Users with real ServiceAccount tokens, for tests of servers that authenticate their callers
 * through the API server: {@link #reader} may get JobRuns in every namespace, {@link #outsider} may
 * do nothing.
 */
public final class TestUsers {

  private static final String NAMESPACE = "cronium-test-users";
  private static final String READER_ROLE = "cronium-test-jobrun-reader";

  private TestUsers() {}

  /** A bearer token of a user allowed to get JobRuns in every namespace. */
  public static String reader(LocalCluster cluster) {
    KubernetesClient admin = cluster.client();
    String token = token(cluster, "reader");
    admin.resource(new ClusterRoleBuilder().withNewMetadata().withName(READER_ROLE).endMetadata()
        .addNewRule().withApiGroups("cronium.io").withResources("jobruns").withVerbs("get").endRule()
        .build()).forceConflicts().serverSideApply();
    admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(READER_ROLE).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", READER_ROLE)
        .addNewSubject().withKind("ServiceAccount").withName("reader").withNamespace(NAMESPACE).endSubject()
        .build()).forceConflicts().serverSideApply();
    return token;
  }

  /** A bearer token of a user allowed nothing. */
  public static String outsider(LocalCluster cluster) {
    return token(cluster, "outsider");
  }

  private static String token(LocalCluster cluster, String account) {
    cluster.createNamespace(NAMESPACE);
    KubernetesClient admin = cluster.client();
    admin.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder().withNewMetadata()
        .withName(account).endMetadata().build()).forceConflicts().serverSideApply();
    return admin.serviceAccounts().inNamespace(NAMESPACE).withName(account)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
  }
}
