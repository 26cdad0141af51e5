package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cronium.api.v1alpha1.EgressPolicy;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.HttpHeader;
import io.cronium.api.v1alpha1.HttpRequest;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.RunResources;
import io.cronium.contract.HttpSpec;
import io.cronium.contract.RunSpec;
import io.cronium.contract.RunSpecParser;
import io.cronium.contract.RunType;
import io.cronium.contract.RuntimeEnv;
import io.cronium.contract.ToolGrant;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPodBuilderTest {

  private final JobPodBuilder builder =
      new JobPodBuilder("registry.example/cronium/runtime-api:1.2.3", "Always", Duration.ofSeconds(15),
          new SandboxResources("2", "2Gi"), false);

  /** The run spec as runtime-api reads it: what the operator writes must parse. */
  private static RunSpec runSpec(Container container) throws Exception {
    EnvVar env =
        container.getEnv().stream()
            .filter(e -> e.getName().equals(RuntimeEnv.RUN_SPEC))
            .findFirst()
            .orElseThrow();
    return RunSpecParser.parse(env.getValue());
  }

  @Test
  void podIsNamedAfterTheRunOwnedByItAndRunsTheConfiguredImage() {
    JobRun run = TestRuns.manualRun("hello-manual-1", "hello");
    Pod pod = builder.build(run, TestRuns.bashEvent("hello", "echo hi"), 1, Map.of());

    assertThat(pod.getMetadata().getName()).isEqualTo("hello-manual-1");
    assertThat(pod.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "cronium-operator")
        .containsEntry("cronium.io/event", "hello");
    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("JobRun");
              assertThat(owner.getUid()).isEqualTo("uid-hello-manual-1");
              assertThat(owner.getController()).isTrue();
            });
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example/cronium/runtime-api:1.2.3");
    assertThat(container.getImagePullPolicy()).isEqualTo("Always");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    // timeoutSeconds 3600 (default) + 15 s grace: the kubelet's own backstop
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(3615L);
  }

  @Test
  void podIsCreatedHoldingTheResultTrackingFinalizer() {
    Pod pod = builder.build(TestRuns.manualRun("hello-manual-1", "hello"), TestRuns.bashEvent("hello", "echo hi"), 1, Map.of());

    assertThat(pod.getMetadata().getFinalizers()).containsExactly("cronium.io/result-tracking");
  }

  @Test
  void theEventsResourcesAreClampedToTheSandboxMaxima() {
    Event event = TestRuns.bashEvent("big", "true");
    event.getSpec().setResources(new RunResources("16", "1Gi"));

    Container container = builder.build(TestRuns.manualRun("big-1", "big"), event, 1, Map.of()).getSpec().getContainers().get(0);

    assertThat(container.getResources().getLimits())
        .containsEntry("cpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("1Gi"));
  }

  @Test
  void laterAttemptsGetTheirOwnPodAndKnowTheirNumber() throws Exception {
    Pod pod = builder.build(TestRuns.manualRun("flaky-1", "flaky"), TestRuns.bashEvent("flaky", "false"), 3, Map.of());

    assertThat(pod.getMetadata().getName()).isEqualTo("flaky-1-attempt-3");
    assertThat(runSpec(pod.getSpec().getContainers().get(0)).event().get("attempt").asInt()).isEqualTo(3);
  }

  @Test
  void runSpecCarriesScriptEventContextAndTheRunsInputOverride() throws Exception {
    Event event = TestRuns.bashEvent("hello", "echo Hello World");
    event.getSpec().setInput(Serialization.jsonMapper().readTree("{\"who\":\"event\"}"));
    JobRun run = TestRuns.manualRun("hello-manual-1", "hello");
    run.getSpec().setInput(Serialization.jsonMapper().readTree("{\"who\":\"run\"}"));

    RunSpec spec = runSpec(builder.build(run, event, 1, Map.of()).getSpec().getContainers().get(0));

    assertThat(spec.type()).isEqualTo(RunType.Bash);
    assertThat(spec.script()).isEqualTo("echo Hello World");
    assertThat(spec.input().get("who").asText()).isEqualTo("run");
    assertThat(spec.executionId()).isEqualTo("hello-manual-1");
    assertThat(spec.event().get("name").asText()).isEqualTo("hello");
    assertThat(spec.event().get("trigger").asText()).isEqualTo("Manual");
    assertThat(spec.timeoutSeconds()).isEqualTo(3600);
  }

  @Test
  void eventInputIsUsedWhenTheRunHasNone() throws Exception {
    Event event = TestRuns.bashEvent("hello", "cronium_input");
    event.getSpec().setInput(Serialization.jsonMapper().readTree("{\"who\":\"event\"}"));

    RunSpec spec =
        runSpec(builder.build(TestRuns.manualRun("r", "hello"), event, 1, Map.of()).getSpec().getContainers().get(0));

    assertThat(spec.input().get("who").asText()).isEqualTo("event");
  }

  @Test
  void secretHeaderValuesReachThePodOnlyAsSecretReferences() throws Exception {
    Event event = TestRuns.bashEvent("call", null);
    event.getSpec().setType(EventType.HTTP);
    HttpRequest http = new HttpRequest();
    http.setUrl("https://api.example/hook");
    HttpHeader plain = new HttpHeader();
    plain.setName("Accept");
    plain.setValue("application/json");
    HttpHeader secret = new HttpHeader();
    secret.setName("Authorization");
    HttpHeader.ValueSource source = new HttpHeader.ValueSource();
    source.setSecretKeyRef(new SecretKeySelector("token", "api-credentials", false));
    secret.setValueFrom(source);
    http.setHeaders(List.of(plain, secret));
    event.getSpec().setHttp(http);

    Container container =
        builder.build(TestRuns.manualRun("call-1", "call"), event, 1, Map.of()).getSpec().getContainers().get(0);
    List<HttpSpec.Header> headers = runSpec(container).http().headers();

    assertThat(headers.get(0).value()).isEqualTo("application/json");
    assertThat(headers.get(1).value()).isNull();
    assertThat(headers.get(1).valueFromEnv()).isEqualTo(RuntimeEnv.httpHeader(1));
    EnvVar headerEnv =
        container.getEnv().stream()
            .filter(e -> e.getName().equals(RuntimeEnv.httpHeader(1)))
            .findFirst()
            .orElseThrow();
    assertThat(headerEnv.getValue()).isNull();
    assertThat(headerEnv.getValueFrom().getSecretKeyRef().getName()).isEqualTo("api-credentials");
    assertThat(runSpec(container).script()).isNull();
    assertThat(container.getEnv()).contains(new EnvVar(RuntimeEnv.MASKED_ENV, RuntimeEnv.httpHeader(1), null));
  }

  @Test
  void runtimeApiLearnsTheNamesButNotTheValuesOfSecretSourcedEnv() {
    Event event = TestRuns.bashEvent("hello", "echo $GREETING");
    event.getSpec().setEnv(List.of(
        new EnvVarBuilder().withName("GREETING").withValue("hi").build(),
        new EnvVarBuilder().withName("TOKEN").withNewValueFrom()
            .withNewSecretKeyRef("token", "api-credentials", false).endValueFrom().build(),
        new EnvVarBuilder().withName("PASSWORD").withNewValueFrom()
            .withNewSecretKeyRef("password", "db", false).endValueFrom().build(),
        new EnvVarBuilder().withName("NODE").withNewValueFrom()
            .withNewFieldRef(null, "spec.nodeName").endValueFrom().build()));

    List<EnvVar> env =
        builder.build(TestRuns.manualRun("r", "hello"), event, 1, Map.of()).getSpec().getContainers().get(0).getEnv();

    assertThat(env).contains(new EnvVar(RuntimeEnv.MASKED_ENV, "TOKEN,PASSWORD", null));
  }

  @Test
  void userEnvIsPassedThroughAfterTheRuntimeEnv() {
    Event event = TestRuns.bashEvent("hello", "echo $GREETING");
    event.getSpec().setEnv(List.of(new EnvVarBuilder().withName("GREETING").withValue("hi").build()));

    List<EnvVar> env =
        builder.build(TestRuns.manualRun("r", "hello"), event, 1, Map.of()).getSpec().getContainers().get(0).getEnv();

    assertThat(env.get(0).getName()).isEqualTo(RuntimeEnv.RUN_SPEC);
    assertThat(env).last().extracting(EnvVar::getName, EnvVar::getValue).containsExactly("GREETING", "hi");
  }

  @Test
  void anEventWithoutEgressLabelsItsPodForTheDenyAllPolicyOthersCarryNoEgressLabel() {
    Event closed = TestRuns.bashEvent("closed", "true");
    closed.getSpec().setEgress(EgressPolicy.None);

    Pod closedPod = builder.build(TestRuns.manualRun("closed-1", "closed"), closed, 1, Map.of());
    Pod openPod = builder.build(TestRuns.manualRun("open-1", "open"), TestRuns.bashEvent("open", "true"), 1, Map.of());

    assertThat(closedPod.getMetadata().getLabels()).containsEntry("cronium.io/egress", "None");
    assertThat(openPod.getMetadata().getLabels()).doesNotContainKey("cronium.io/egress");
  }

  @Test
  void theEventsRuntimeClassReachesThePodSpec() {
    Event sandboxed = TestRuns.bashEvent("sandboxed", "true");
    sandboxed.getSpec().setRuntimeClassName("gvisor");

    assertThat(builder.build(TestRuns.manualRun("s-1", "sandboxed"), sandboxed, 1, Map.of()).getSpec().getRuntimeClassName())
        .isEqualTo("gvisor");
    assertThat(builder.build(TestRuns.manualRun("p-1", "plain"), TestRuns.bashEvent("plain", "true"), 1, Map.of())
        .getSpec().getRuntimeClassName()).isNull();
  }

  @Test
  void sandboxIsNonRootReadOnlyWithWritableTmpAndWorkspace() {
    Pod pod = builder.build(TestRuns.manualRun("r", "hello"), TestRuns.bashEvent("hello", "true"), 1, Map.of());
    Container container = pod.getSpec().getContainers().get(0);

    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .containsExactlyInAnyOrder("/tmp", "/workspace", "/etc/cronium/variables");
    assertThat(container.getWorkingDir()).isEqualTo("/workspace");
    assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
  }

  @Test
  void exactlyTheListedToolSecretsAreMountedReadOnlyWithTheirTypesInTheRunSpec() throws Exception {
    Event event = TestRuns.bashEvent("notify", "true");
    event.getSpec().setTools(List.of("ops-slack", "unlabelled"));

    Pod pod = builder.build(TestRuns.manualRun("notify-1", "notify"), event, 1,
        Map.of("ops-slack", "slack", "unlisted-mail", "email"));

    Container container = pod.getSpec().getContainers().get(0);
    assertThat(pod.getSpec().getVolumes())
        .filteredOn(volume -> volume.getSecret() != null)
        .extracting(volume -> volume.getSecret().getSecretName() + " optional=" + volume.getSecret().getOptional())
        .containsExactly("ops-slack optional=true", "unlabelled optional=true");
    assertThat(container.getVolumeMounts())
        .filteredOn(mount -> mount.getMountPath().startsWith(RuntimeEnv.DEFAULT_TOOLS_DIR))
        .extracting(mount -> mount.getMountPath() + " readOnly=" + mount.getReadOnly())
        .containsExactly("/etc/cronium/tools/ops-slack readOnly=true", "/etc/cronium/tools/unlabelled readOnly=true");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(runSpec(container).tools())
        .containsExactly(new ToolGrant("ops-slack", "slack"), new ToolGrant("unlabelled", null));
  }

  @Test
  void anEventWithoutToolsMountsNoSecret() {
    Pod pod = builder.build(TestRuns.manualRun("r", "hello"), TestRuns.bashEvent("hello", "true"), 1,
        Map.of("ops-slack", "slack"));

    assertThat(pod.getSpec().getVolumes()).noneMatch(volume -> volume.getSecret() != null);
  }

  @Test
  void aRunSpecTooLargeForOneEnvironmentVariableIsRefusedWithItsSize() {
    Event event = TestRuns.bashEvent("big", "echo '" + "x".repeat(130 * 1024) + "'");

    assertThatThrownBy(() -> builder.build(TestRuns.manualRun("big-1", "big"), event, 1, Map.of()))
        .isInstanceOf(RunSpecTooLargeException.class)
        .hasMessageContaining("\"big\" take 130 KiB")
        .hasMessageContaining("at most 120 KiB");
  }
}
