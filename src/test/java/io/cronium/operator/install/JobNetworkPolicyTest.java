package io.cronium.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.EgressPolicy;
import io.cronium.api.v1alpha1.Event;
import io.cronium.operator.jobrun.JobPodBuilder;
import io.cronium.operator.jobrun.SandboxResources;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.HelmChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's job NetworkPolicies, as rendered, judged against the labels of real job Pods (built by
 * {@link JobPodBuilder}) with the NetworkPolicy semantics: a Pod selected by any Egress policy may
 * reach an address only if some rule of such a policy allows it. Nothing in the local cluster
 * enforces NetworkPolicies, so this checks the policies' content and wiring, not the traffic.
 */
class JobNetworkPolicyTest {

  private static final String API_SERVER = "10.96.0.1";
  private static final List<String> FORBIDDEN =
      List.of("169.254.169.254", "169.254.0.1", "100.100.100.200", "fd00:ec2::254", "fe80::1", API_SERVER);
  private static final List<String> PUBLIC = List.of("203.0.113.7", "8.8.8.8", "2001:db8::1");

  private final JobPodBuilder builder =
      new JobPodBuilder("cronium/runtime-api:test", "IfNotPresent", Duration.ofSeconds(15),
          new SandboxResources("2", "2Gi"), false);

  @Test
  void inEachWatchedNamespaceJobPodsReachOutsideAddressesButNotMetadataLinkLocalOrTheApiServer() {
    List<HasMetadata> chart =
        HelmChart.template("-f", HelmChart.NAMESPACED_VALUES.toString(), "--set", "jobNetworkPolicy.apiServerCIDRs={" + API_SERVER + "/32}");

    for (String namespace : List.of("team-a", "team-b")) {
      List<NetworkPolicy> governing = egressPoliciesSelecting(chart, jobPod(namespace, EgressPolicy.Default));

      assertThat(governing).as(namespace).isNotEmpty();
      FORBIDDEN.forEach(address -> assertThat(allowsExternal(governing, address)).as(namespace + " → " + address).isFalse());
      PUBLIC.forEach(address -> assertThat(allowsExternal(governing, address)).as(namespace + " → " + address).isTrue());
      assertThat(allowsClusterPods(governing)).as("DNS and other Pods of the cluster").isTrue();
    }
  }

  @Test
  void podsOfEventsWithEgressNoneAreGovernedOnlyByPoliciesAllowingNothing() {
    List<HasMetadata> chart = HelmChart.template("-f", HelmChart.NAMESPACED_VALUES.toString());

    List<NetworkPolicy> governing = egressPoliciesSelecting(chart, jobPod("team-a", EgressPolicy.None));

    assertThat(governing).isNotEmpty();
    assertThat(governing).allSatisfy(policy -> assertThat(policy.getSpec().getEgress()).isNullOrEmpty());
  }

  @Test
  void theOperatorsOwnPodsAreNotSelected() {
    List<HasMetadata> chart = HelmChart.template("-f", HelmChart.NAMESPACED_VALUES.toString());
    Deployment operator = chart.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst().orElseThrow();
    Pod operatorPod = new Pod();
    operatorPod.setMetadata(operator.getSpec().getTemplate().getMetadata());
    operatorPod.getMetadata().setNamespace("team-a");

    assertThat(egressPoliciesSelecting(chart, operatorPod)).isEmpty();
  }

  @Test
  void inClusterModeThePoliciesGoToTheListedNamespacesOnlyAndCanBeTurnedOff() {
    assertThat(policies(HelmChart.template())).isEmpty();
    assertThat(policies(HelmChart.template("--set", "jobNetworkPolicy.namespaces={apps}")))
        .extracting(policy -> policy.getMetadata().getNamespace()).containsOnly("apps").hasSize(2);
    assertThat(policies(HelmChart.template("-f", HelmChart.NAMESPACED_VALUES.toString(),
        "--set", "jobNetworkPolicy.enabled=false"))).isEmpty();
  }

  private Pod jobPod(String namespace, EgressPolicy egress) {
    Event event = TestRuns.bashEvent("job", "curl https://example.org");
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setEgress(egress);
    Pod pod = builder.build(TestRuns.manualRun("job-1", "job"), event, 1, Map.of());
    pod.getMetadata().setNamespace(namespace);
    return pod;
  }

  private static List<NetworkPolicy> policies(List<HasMetadata> chart) {
    return chart.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).toList();
  }

  private static List<NetworkPolicy> egressPoliciesSelecting(List<HasMetadata> chart, Pod pod) {
    return policies(chart).stream()
        .filter(policy -> policy.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace()))
        .filter(policy -> policy.getSpec().getPolicyTypes().contains("Egress"))
        .filter(policy -> selects(policy.getSpec().getPodSelector(), pod.getMetadata().getLabels()))
        .toList();
  }

  private static boolean allowsExternal(List<NetworkPolicy> policies, String address) {
    return rules(policies).anyMatch(rule -> rule.getTo() == null || rule.getTo().isEmpty()
        || rule.getTo().stream().map(NetworkPolicyPeer::getIpBlock)
            .anyMatch(block -> block != null && admits(block, address)));
  }

  private static boolean allowsClusterPods(List<NetworkPolicy> policies) {
    return rules(policies).anyMatch(rule -> rule.getTo() == null || rule.getTo().stream()
        .anyMatch(peer -> peer.getNamespaceSelector() != null && selects(peer.getNamespaceSelector(), Map.of())));
  }

  private static Stream<NetworkPolicyEgressRule> rules(List<NetworkPolicy> policies) {
    return policies.stream().filter(policy -> policy.getSpec().getEgress() != null)
        .flatMap(policy -> policy.getSpec().getEgress().stream());
  }

  private static boolean admits(IPBlock block, String address) {
    return contains(block.getCidr(), address)
        && (block.getExcept() == null || block.getExcept().stream().noneMatch(cidr -> contains(cidr, address)));
  }

  /** Whether {@code address} lies in {@code cidr}; addresses of the other IP family never do. */
  private static boolean contains(String cidr, String address) {
    String[] parts = cidr.split("/");
    byte[] network = bytes(parts[0]);
    byte[] candidate = bytes(address);
    if (network.length != candidate.length) {
      return false;
    }
    int hostBits = network.length * 8 - Integer.parseInt(parts[1]);
    return new BigInteger(1, network).shiftRight(hostBits).equals(new BigInteger(1, candidate).shiftRight(hostBits));
  }

  private static byte[] bytes(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + literal, e);
    }
  }

  /** Label selector semantics: every matchLabels entry and every matchExpressions requirement hold. */
  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    return matchLabels.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())))
        && expressions.stream().allMatch(requirement -> holds(requirement, labels));
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    return switch (requirement.getOperator()) {
      case "In" -> value != null && requirement.getValues().contains(value);
      case "NotIn" -> value == null || !requirement.getValues().contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("unknown operator " + requirement.getOperator());
    };
  }
}
