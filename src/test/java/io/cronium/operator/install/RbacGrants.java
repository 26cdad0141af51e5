package io.cronium.operator.install;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rendered install lets the operator's ServiceAccount do, evaluated as the RBAC
 * authorizer does: ClusterRoles bound cluster-wide apply everywhere, Roles and RoleBindings
 * only in their namespace.
 */
final class RbacGrants {

  /**
   * The API server's own roles that the chart binds, with their rules as the API server defines
   * them (bootstrap policy): an aggregated API server's two.
   */
  private static final Map<String, List<PolicyRule>> BUILT_IN_ROLES = Map.of(
      "ClusterRole/system:auth-delegator", List.of(
          new PolicyRuleBuilder().withApiGroups("authentication.k8s.io").withResources("tokenreviews")
              .withVerbs("create").build(),
          new PolicyRuleBuilder().withApiGroups("authorization.k8s.io").withResources("subjectaccessreviews")
              .withVerbs("create").build()),
      "Role/kube-system/extension-apiserver-authentication-reader", List.of(
          new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
              .withResourceNames("extension-apiserver-authentication").withVerbs("get", "list", "watch").build()));

  private final List<HasMetadata> objects;
  /** The operator's ServiceAccount, in {@link #operatorNamespace}. */
  final String serviceAccount;
  /** Where the operator runs: its leader Lease lives here. */
  final String operatorNamespace;
  /** The namespaces the operator watches; empty for all. */
  final List<String> watchedNamespaces;

  RbacGrants(List<HasMetadata> objects) {
    this.objects = objects;
    Deployment deployment =
        objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
            .findFirst().orElseThrow(() -> new IllegalStateException("no Deployment rendered"));
    this.serviceAccount = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    this.operatorNamespace = deployment.getMetadata().getNamespace();
    this.watchedNamespaces =
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .filter(env -> env.getName().equals("QUARKUS_OPERATOR_SDK_NAMESPACES"))
            .map(EnvVar::getValue)
            .flatMap(value -> Arrays.stream(value.split(",")))
            .map(String::strip)
            .toList();
  }

  /** Whether the call is allowed in {@code namespace}, or cluster-wide when it is null. */
  boolean allows(ApiCall call, String namespace) {
    return rulesIn(namespace).stream().anyMatch(rule -> matches(rule, call));
  }

  /**
   * Every rule the chart's own roles grant the operator, for the check that each one is used (a
   * role bound to no one, such as one aggregated into {@code view} for users, grants it nothing;
   * the API server's built-in roles are not the chart's to trim).
   */
  List<PolicyRule> allRules() {
    List<PolicyRule> rules = new ArrayList<>();
    objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
        .filter(role -> bound("ClusterRole", role.getMetadata().getName(), null))
        .forEach(role -> rules.addAll(role.getRules()));
    objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
        .filter(role -> bound("Role", role.getMetadata().getName(), role.getMetadata().getNamespace()))
        .forEach(role -> rules.addAll(role.getRules()));
    return rules;
  }

  private boolean bound(String kind, String name, String namespace) {
    boolean clusterWide = objects.stream().filter(ClusterRoleBinding.class::isInstance)
        .map(ClusterRoleBinding.class::cast)
        .anyMatch(binding -> refersTo(binding.getRoleRef(), kind, name) && boundToOperator(binding.getSubjects()));
    return clusterWide || objects.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
        .filter(binding -> namespace == null || namespace.equals(binding.getMetadata().getNamespace()))
        .anyMatch(binding -> refersTo(binding.getRoleRef(), kind, name) && boundToOperator(binding.getSubjects()));
  }

  private static boolean refersTo(RoleRef ref, String kind, String name) {
    return ref.getKind().equals(kind) && ref.getName().equals(name);
  }

  private List<PolicyRule> rulesIn(String namespace) {
    List<PolicyRule> rules = new ArrayList<>();
    objects.stream().filter(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
        .filter(binding -> boundToOperator(binding.getSubjects()))
        .forEach(binding -> rules.addAll(roleRules(binding.getRoleRef(), null)));
    if (namespace != null) {
      objects.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
          .filter(binding -> namespace.equals(binding.getMetadata().getNamespace()))
          .filter(binding -> boundToOperator(binding.getSubjects()))
          .forEach(binding -> rules.addAll(roleRules(binding.getRoleRef(), namespace)));
    }
    return rules;
  }

  private boolean boundToOperator(List<Subject> subjects) {
    return subjects.stream().anyMatch(subject -> subject.getKind().equals("ServiceAccount")
        && subject.getName().equals(serviceAccount)
        && operatorNamespace.equals(subject.getNamespace()));
  }

  private List<PolicyRule> roleRules(RoleRef ref, String namespace) {
    List<PolicyRule> builtIn = BUILT_IN_ROLES.get(ref.getKind().equals("ClusterRole")
        ? "ClusterRole/" + ref.getName()
        : "Role/" + namespace + "/" + ref.getName());
    if (builtIn != null) {
      return builtIn;
    }
    if (ref.getKind().equals("ClusterRole")) {
      return objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
          .filter(role -> role.getMetadata().getName().equals(ref.getName()))
          .flatMap(role -> role.getRules().stream()).toList();
    }
    return objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
        .filter(role -> role.getMetadata().getName().equals(ref.getName())
            && Objects.equals(role.getMetadata().getNamespace(), namespace))
        .flatMap(role -> role.getRules().stream()).toList();
  }

  static boolean matches(PolicyRule rule, ApiCall call) {
    return matchesAny(rule.getApiGroups(), call.group())
        && matchesAny(rule.getResources(), call.resource())
        && matchesAny(rule.getVerbs(), call.verb())
        && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
            || rule.getResourceNames().contains(call.name()));
  }

  private static boolean matchesAny(List<String> granted, String wanted) {
    return granted != null && (granted.contains("*") || granted.contains(wanted));
  }
}
