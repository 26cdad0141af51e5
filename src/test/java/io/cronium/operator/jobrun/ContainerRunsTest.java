package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.cronium.api.v1alpha1.ActionTrigger;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.HttpRequest;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.localcluster.LocalCluster;
import io.cronium.tools.ToolSecrets;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Container tier: the operator in-process, the mock API server, and a podman node that runs
 * the job Pods with the real runtime-api image (make image) and real bash, python3 and node.
 */
@Tag("container")
@QuarkusTest
@QuarkusTestResource(
    value = LocalClusterResource.class,
    initArgs = @ResourceArg(name = LocalClusterResource.PODMAN_NODE, value = "true"),
    restrictToAnnotatedClass = true)
class ContainerRunsTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Path TIMINGS = Path.of("target/container-tier-timings.txt");
  /** Bodies the notify actions of these runs sent to the HTTP target. */
  private static final Queue<String> NOTIFICATIONS = new ConcurrentLinkedQueue<>();
  private static HttpServer httpTarget;

  @InjectLocalCluster LocalCluster cluster;

  private KubernetesClient client;
  private String namespace;

  @BeforeAll
  static void startHttpTarget() throws IOException {
    httpTarget = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    httpTarget.createContext(
        "/health",
        exchange -> {
          byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    httpTarget.createContext(
        "/notify",
        exchange -> {
          NOTIFICATIONS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    httpTarget.start();
  }

  @AfterAll
  static void stopHttpTarget() {
    httpTarget.stop(0);
  }

  @BeforeEach
  void freshNamespace() {
    client = cluster.client();
    namespace = "containers-" + NAMESPACES.incrementAndGet();
    cluster.createNamespace(namespace);
  }

  private Event event(String name, EventType type, String script) {
    Event event = TestRuns.bashEvent(name, script);
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setType(type);
    return event;
  }

  private JobRun runToEnd(Event event) {
    return TestRuns.runToEnd(client, event, WAIT);
  }

  @Test
  void bashHelloWorldSucceedsWithOutputAndLog() throws IOException {
    Instant created = Instant.now();
    JobRun run =
        runToEnd(
            event(
                "hello",
                EventType.Bash,
                "echo \"Hello World\"\ncronium_output \"{\\\"started\\\": $(date +%s%3N)}\""));
    Instant finishedSeen = Instant.now();

    assertThat(run.phase()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(run.getStatus().getExitCode()).isZero();
    assertThat(run.getStatus().getLogTail()).contains("Hello World");
    long scriptStartMillis = run.getStatus().getOutput().get("started").asLong();
    Files.writeString(
        TIMINGS,
        String.format(
            "bash hello world: JobRun created -> script start %d ms, -> Succeeded observed %d ms%n",
            scriptStartMillis - created.toEpochMilli(),
            Duration.between(created, finishedSeen).toMillis()),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void aSecretPrintedWholeInsideALineOrInTwoWritesReachesNeitherLogNorStatusNorNotification() {
    String token = "s3cr3t-token-4711";
    client.resource(new SecretBuilder()
        .withNewMetadata().withName("api-credentials").withNamespace(namespace).endMetadata()
        .withStringData(Map.of("token", token)).build()).create();
    client.resource(new SecretBuilder()
        .withNewMetadata().withName("hook").withNamespace(namespace)
        .withLabels(Map.of(ToolSecrets.TYPE_LABEL, "webhook")).endMetadata()
        .withStringData(Map.of("url", "http://127.0.0.1:" + httpTarget.getAddress().getPort() + "/notify"))
        .build()).create();
    Event event = event("leaky", EventType.Bash, """
        echo "$TOKEN"
        echo "the token is $TOKEN, done"
        printf '%s' "${TOKEN:0:6}"; printf '%s\\n' "${TOKEN:6}"
        cronium_output "{\\"token\\": \\"$TOKEN\\"}"
        """);
    event.getSpec().setEnv(List.of(new EnvVarBuilder().withName("TOKEN").withNewValueFrom()
        .withNewSecretKeyRef("token", "api-credentials", false).endValueFrom().build()));
    event.getSpec().setActions(List.of(TestRuns.notifyAction(ActionTrigger.Always, "hook", "{{event.name}}",
        "log {{run.logTail}} output {{run.output.token}}")));
    NOTIFICATIONS.clear();

    JobRun run = runToEnd(event);

    assertThat(run.phase()).as("%s %s", run.getStatus().getMessage(), run.getStatus().getLogTail())
        .isEqualTo(JobRunPhase.Succeeded);
    String containerLog = client.pods().inNamespace(namespace).withName(run.getStatus().getPodName()).getLog();
    assertThat(containerLog).contains("***\nthe token is ***, done\n***\n").doesNotContain(token);
    assertThat(run.getStatus().getLogTail()).contains("the token is ***, done").doesNotContain(token);
    assertThat(run.getStatus().getOutput().get("token").asText()).isEqualTo("***");
    await().atMost(WAIT).until(() -> !NOTIFICATIONS.isEmpty());
    assertThat(NOTIFICATIONS).singleElement().asString().contains("the token is ***").doesNotContain(token);
  }

  @Test
  void pythonScriptSucceedsWithItsOutput() {
    Event event =
        event("py", EventType.Python, "data = cronium.input()\nprint('sum', sum(data['n']))\ncronium.output({'sum': sum(data['n'])})");
    event.getSpec().setInput(io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().valueToTree(java.util.Map.of("n", java.util.List.of(1, 2, 3))));

    JobRun run = runToEnd(event);

    assertThat(run.phase()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(run.getStatus().getOutput().get("sum").asInt()).isEqualTo(6);
    assertThat(run.getStatus().getLogTail()).contains("sum 6");
  }

  @Test
  void nodeScriptSucceedsWithItsOutput() {
    JobRun run =
        runToEnd(
            event(
                "node",
                EventType.NodeJS,
                "const event = await cronium.event();\nconsole.log('from node', event.name);\n"
                    + "await cronium.output({ node: process.version });"));

    assertThat(run.phase()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(run.getStatus().getOutput().get("node").asText()).startsWith("v");
    assertThat(run.getStatus().getLogTail()).contains("from node node");
  }

  @Test
  void httpRequestSucceedsWithTheResponseAsOutput() {
    Event event = event("http", EventType.HTTP, null);
    HttpRequest http = new HttpRequest();
    http.setUrl("http://127.0.0.1:" + httpTarget.getAddress().getPort() + "/health");
    event.getSpec().setHttp(http);

    JobRun run = runToEnd(event);

    assertThat(run.phase()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(run.getStatus().getOutput().get("status").asInt()).isEqualTo(200);
    assertThat(run.getStatus().getOutput().get("body").get("status").asText()).isEqualTo("ok");
  }

  @Test
  void scriptExitingThreeFailsWithExitCodeThree() {
    JobRun run = runToEnd(event("exit3", EventType.Bash, "echo about to fail\nexit 3"));

    assertThat(run.phase()).isEqualTo(JobRunPhase.Failed);
    assertThat(run.getStatus().getExitCode()).isEqualTo(3);
    assertThat(run.getStatus().getReason()).isEqualTo(JobRunReasons.SCRIPT_FAILED);
    assertThat(run.getStatus().getLogTail()).contains("about to fail");
  }

  @Test
  void scriptSleepingPastItsTimeoutEndsTimedOut() {
    Event event = event("sleepy", EventType.Bash, "echo sleeping\nsleep 30");
    event.getSpec().setTimeoutSeconds(2);

    JobRun run = runToEnd(event);

    assertThat(run.phase()).isEqualTo(JobRunPhase.TimedOut);
    assertThat(run.getStatus().getExitCode()).isEqualTo(-1);
  }
}
