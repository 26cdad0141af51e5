package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.HttpHeader;
import io.cronium.api.v1alpha1.HttpRequest;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.RunResources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobPodBuilderTest {

  private final JobPodBuilder builder =
      new JobPodBuilder("registry.example/cronium/runtime-api:1.2.3", "Always", Duration.ofSeconds(15),
          new SandboxResources("2", "2Gi"));

  private static JsonNode runSpec(Container container) throws Exception {
    EnvVar env =
        container.getEnv().stream()
            .filter(e -> e.getName().equals("CRONIUM_RUN_SPEC"))
            .findFirst()
            .orElseThrow();
    return Serialization.jsonMapper().readTree(env.getValue());
  }

  @Test
  void podIsNamedAfterTheRunOwnedByItAndRunsTheConfiguredImage() {
    JobRun run = TestRuns.manualRun("hello-manual-1", "hello");
    Pod pod = builder.build(run, TestRuns.bashEvent("hello", "echo hi"), 1);

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
    Pod pod = builder.build(TestRuns.manualRun("hello-manual-1", "hello"), TestRuns.bashEvent("hello", "echo hi"), 1);

    assertThat(pod.getMetadata().getFinalizers()).containsExactly("cronium.io/result-tracking");
  }

  @Test
  void theEventsResourcesAreClampedToTheSandboxMaxima() {
    Event event = TestRuns.bashEvent("big", "true");
    event.getSpec().setResources(new RunResources("16", "1Gi"));

    Container container = builder.build(TestRuns.manualRun("big-1", "big"), event, 1).getSpec().getContainers().get(0);

    assertThat(container.getResources().getLimits())
        .containsEntry("cpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("1Gi"));
  }

  @Test
  void laterAttemptsGetTheirOwnPodAndKnowTheirNumber() throws Exception {
    Pod pod = builder.build(TestRuns.manualRun("flaky-1", "flaky"), TestRuns.bashEvent("flaky", "false"), 3);

    assertThat(pod.getMetadata().getName()).isEqualTo("flaky-1-attempt-3");
    assertThat(runSpec(pod.getSpec().getContainers().get(0)).get("event").get("attempt").asInt()).isEqualTo(3);
  }

  @Test
  void runSpecCarriesScriptEventContextAndTheRunsInputOverride() throws Exception {
    Event event = TestRuns.bashEvent("hello", "echo Hello World");
    event.getSpec().setInput(Serialization.jsonMapper().readTree("{\"who\":\"event\"}"));
    JobRun run = TestRuns.manualRun("hello-manual-1", "hello");
    run.getSpec().setInput(Serialization.jsonMapper().readTree("{\"who\":\"run\"}"));

    JsonNode spec = runSpec(builder.build(run, event, 1).getSpec().getContainers().get(0));

    assertThat(spec.get("type").asText()).isEqualTo("Bash");
    assertThat(spec.get("script").asText()).isEqualTo("echo Hello World");
    assertThat(spec.get("input").get("who").asText()).isEqualTo("run");
    assertThat(spec.get("executionId").asText()).isEqualTo("hello-manual-1");
    assertThat(spec.get("event").get("name").asText()).isEqualTo("hello");
    assertThat(spec.get("event").get("trigger").asText()).isEqualTo("Manual");
    assertThat(spec.get("timeoutSeconds").asInt()).isEqualTo(3600);
  }

  @Test
  void eventInputIsUsedWhenTheRunHasNone() throws Exception {
    Event event = TestRuns.bashEvent("hello", "cronium_input");
    event.getSpec().setInput(Serialization.jsonMapper().readTree("{\"who\":\"event\"}"));

    JsonNode spec =
        runSpec(builder.build(TestRuns.manualRun("r", "hello"), event, 1).getSpec().getContainers().get(0));

    assertThat(spec.get("input").get("who").asText()).isEqualTo("event");
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
        builder.build(TestRuns.manualRun("call-1", "call"), event, 1).getSpec().getContainers().get(0);
    JsonNode headers = runSpec(container).get("http").get("headers");

    assertThat(headers.get(0).get("value").asText()).isEqualTo("application/json");
    assertThat(headers.get(1).has("value")).isFalse();
    assertThat(headers.get(1).get("valueFromEnv").asText()).isEqualTo("CRONIUM_HTTP_HEADER_1");
    EnvVar headerEnv =
        container.getEnv().stream()
            .filter(e -> e.getName().equals("CRONIUM_HTTP_HEADER_1"))
            .findFirst()
            .orElseThrow();
    assertThat(headerEnv.getValue()).isNull();
    assertThat(headerEnv.getValueFrom().getSecretKeyRef().getName()).isEqualTo("api-credentials");
    assertThat(runSpec(container).get("script").isNull()).isTrue();
  }

  @Test
  void userEnvIsPassedThroughAfterTheRuntimeEnv() {
    Event event = TestRuns.bashEvent("hello", "echo $GREETING");
    event.getSpec().setEnv(List.of(new EnvVarBuilder().withName("GREETING").withValue("hi").build()));

    List<EnvVar> env =
        builder.build(TestRuns.manualRun("r", "hello"), event, 1).getSpec().getContainers().get(0).getEnv();

    assertThat(env.get(0).getName()).isEqualTo("CRONIUM_RUN_SPEC");
    assertThat(env).last().extracting(EnvVar::getName, EnvVar::getValue).containsExactly("GREETING", "hi");
  }

  @Test
  void sandboxIsNonRootReadOnlyWithWritableTmpAndWorkspace() {
    Pod pod = builder.build(TestRuns.manualRun("r", "hello"), TestRuns.bashEvent("hello", "true"), 1);
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
  void aRunSpecTooLargeForOneEnvironmentVariableIsRefusedWithItsSize() {
    Event event = TestRuns.bashEvent("big", "echo '" + "x".repeat(130 * 1024) + "'");

    assertThatThrownBy(() -> builder.build(TestRuns.manualRun("big-1", "big"), event, 1))
        .isInstanceOf(RunSpecTooLargeException.class)
        .hasMessageContaining("\"big\" take 130 KiB")
        .hasMessageContaining("at most 120 KiB");
  }
}
