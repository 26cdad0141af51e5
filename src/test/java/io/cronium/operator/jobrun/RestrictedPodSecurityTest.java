package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.HttpHeader;
import io.cronium.api.v1alpha1.HttpRequest;
import io.cronium.api.v1alpha1.RetrySpec;
import io.cronium.api.v1alpha1.RunResources;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every job Pod the builder produces, whatever the Event asks for, passes each rule of the Pod
 * Security Standard "restricted" profile (which includes "baseline"), one check per rule as in
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/.
 */
class RestrictedPodSecurityTest {

  private static final Set<String> RESTRICTED_VOLUME_TYPES =
      Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
          "projected", "secret");
  private static final Set<String> SAFE_SYSCTLS =
      Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range");

  private record Rule(String name, Predicate<Pod> holds) {}

  private static final List<Rule> RULES = List.of(
      new Rule("baseline: host namespaces are not shared", pod ->
          !isTrue(pod.getSpec().getHostNetwork()) && !isTrue(pod.getSpec().getHostPID())
              && !isTrue(pod.getSpec().getHostIPC())),
      new Rule("baseline: no privileged containers", pod ->
          allContainers(pod, c -> !isTrue(securityContext(c).getPrivileged()))),
      new Rule("baseline: no hostProcess containers", pod ->
          allContainers(pod, c -> securityContext(c).getWindowsOptions() == null
              || !isTrue(securityContext(c).getWindowsOptions().getHostProcess()))),
      new Rule("baseline: no hostPath volumes", pod ->
          volumes(pod).stream().allMatch(v -> v.getHostPath() == null)),
      new Rule("baseline: no host ports", pod ->
          allContainers(pod, c -> c.getPorts() == null
              || c.getPorts().stream().allMatch(p -> p.getHostPort() == null || p.getHostPort() == 0))),
      new Rule("baseline: /proc mount is Default", pod ->
          allContainers(pod, c -> securityContext(c).getProcMount() == null
              || "Default".equals(securityContext(c).getProcMount()))),
      new Rule("baseline: SELinux user and role are not set", pod ->
          podSecurityContext(pod).getSeLinuxOptions() == null
              && allContainers(pod, c -> securityContext(c).getSeLinuxOptions() == null)),
      new Rule("baseline: only safe sysctls", pod ->
          podSecurityContext(pod).getSysctls() == null
              || podSecurityContext(pod).getSysctls().stream().allMatch(s -> SAFE_SYSCTLS.contains(s.getName()))),
      new Rule("restricted: only restricted volume types", pod ->
          volumes(pod).stream().allMatch(v -> RESTRICTED_VOLUME_TYPES.contains(volumeType(v)))),
      new Rule("restricted: privilege escalation is disallowed", pod ->
          allContainers(pod, c -> Boolean.FALSE.equals(securityContext(c).getAllowPrivilegeEscalation()))),
      new Rule("restricted: runs as non-root", pod ->
          allContainers(pod, c -> isTrue(securityContext(c).getRunAsNonRoot())
              || (securityContext(c).getRunAsNonRoot() == null && isTrue(podSecurityContext(pod).getRunAsNonRoot())))),
      new Rule("restricted: runAsUser is not 0", pod ->
          !Long.valueOf(0).equals(podSecurityContext(pod).getRunAsUser())
              && allContainers(pod, c -> !Long.valueOf(0).equals(securityContext(c).getRunAsUser()))),
      new Rule("restricted: seccomp is RuntimeDefault or Localhost", pod ->
          allContainers(pod, c -> allowedSeccomp(Optional.ofNullable(securityContext(c).getSeccompProfile())
              .orElse(podSecurityContext(pod).getSeccompProfile())))),
      new Rule("restricted: drops ALL capabilities, adds at most NET_BIND_SERVICE", pod ->
          allContainers(pod, c -> {
            Capabilities caps = securityContext(c).getCapabilities();
            return caps != null && caps.getDrop() != null && caps.getDrop().contains("ALL")
                && (caps.getAdd() == null || caps.getAdd().stream().allMatch("NET_BIND_SERVICE"::equals));
          })),
      new Rule("cronium: no Kubernetes API credentials", pod ->
          Boolean.FALSE.equals(pod.getSpec().getAutomountServiceAccountToken())),
      new Rule("cronium: read-only root filesystem", pod ->
          allContainers(pod, c -> isTrue(securityContext(c).getReadOnlyRootFilesystem()))));

  private final JobPodBuilder builder =
      new JobPodBuilder("cronium/runtime-api:test", "IfNotPresent", Duration.ofSeconds(15),
          new SandboxResources("2", "2Gi"), false);

  @TestFactory
  Stream<DynamicTest> everyJobPodSatisfiesEachRestrictedRule() {
    Map<String, Pod> pods = Map.of(
        "Bash", builder.build(TestRuns.manualRun("bash-1", "bash"), TestRuns.bashEvent("bash", "echo hi"), 1, Map.of()),
        "Python", build(EventType.Python, Function.identity(), 1),
        "NodeJS", build(EventType.NodeJS, Function.identity(), 1),
        "HTTP with a secret header", build(EventType.HTTP, RestrictedPodSecurityTest::withSecretHeader, 1),
        "env from Secret and ConfigMap", build(EventType.Bash, RestrictedPodSecurityTest::withEnvSources, 1),
        "oversized resources, retries, third attempt", build(EventType.Python, event -> {
          event.getSpec().setResources(new RunResources("64", "256Gi"));
          RetrySpec retries = new RetrySpec();
          retries.setLimit(10);
          event.getSpec().setRetries(retries);
          return event;
        }, 3));
    return RULES.stream().flatMap(rule -> pods.entrySet().stream().map(pod ->
        DynamicTest.dynamicTest(rule.name() + " [" + pod.getKey() + "]",
            () -> assertThat(rule.holds().test(pod.getValue())).as(rule.name()).isTrue())));
  }

  private Pod build(EventType type, Function<Event, Event> customize, int attempt) {
    Event event = TestRuns.bashEvent(type.name().toLowerCase(), type.isScript() ? "print(1)" : null);
    event.getSpec().setType(type);
    return builder.build(TestRuns.manualRun("run-1", event.getMetadata().getName()), customize.apply(event), attempt, Map.of());
  }

  private static Event withSecretHeader(Event event) {
    HttpRequest http = new HttpRequest();
    http.setUrl("https://api.example/hook");
    HttpHeader header = new HttpHeader();
    header.setName("Authorization");
    HttpHeader.ValueSource source = new HttpHeader.ValueSource();
    source.setSecretKeyRef(new SecretKeySelector("token", "api-credentials", false));
    header.setValueFrom(source);
    http.setHeaders(List.of(header));
    event.getSpec().setHttp(http);
    return event;
  }

  private static Event withEnvSources(Event event) {
    event.getSpec().setEnv(List.of(
        new EnvVarBuilder().withName("PASSWORD").withNewValueFrom()
            .withSecretKeyRef(new SecretKeySelector("password", "db", false)).endValueFrom().build(),
        new EnvVarBuilder().withName("REGION").withNewValueFrom()
            .withConfigMapKeyRef(new ConfigMapKeySelector("region", "settings", false)).endValueFrom().build()));
    return event;
  }

  private static boolean allContainers(Pod pod, Predicate<Container> holds) {
    List<Container> all = new java.util.ArrayList<>(pod.getSpec().getContainers());
    if (pod.getSpec().getInitContainers() != null) {
      all.addAll(pod.getSpec().getInitContainers());
    }
    return !all.isEmpty() && all.stream().allMatch(holds);
  }

  private static SecurityContext securityContext(Container container) {
    return container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
  }

  private static PodSecurityContext podSecurityContext(Pod pod) {
    return pod.getSpec().getSecurityContext() == null ? new PodSecurityContext() : pod.getSpec().getSecurityContext();
  }

  private static List<Volume> volumes(Pod pod) {
    return pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
  }

  /** The volume's source field, as named in the Pod spec (exactly one is set). */
  private static String volumeType(Volume volume) {
    Map<String, Object> fields =
        io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(volume, Map.class);
    return fields.keySet().stream().filter(key -> !key.equals("name")).findFirst().orElse("none");
  }

  private static boolean allowedSeccomp(SeccompProfile profile) {
    return profile != null && Set.of("RuntimeDefault", "Localhost").contains(profile.getType());
  }

  private static boolean isTrue(Boolean value) {
    return Boolean.TRUE.equals(value);
  }
}
