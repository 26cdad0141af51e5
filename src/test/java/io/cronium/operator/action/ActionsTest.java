package io.cronium.operator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.ActionReasons;
import io.cronium.api.v1alpha1.ActionRecord;
import io.cronium.api.v1alpha1.ActionState;
import io.cronium.api.v1alpha1.ActionTrigger;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.RunEventAction;
import io.cronium.api.v1alpha1.RunTrigger;
import io.cronium.localcluster.LocalCluster;
import io.cronium.tools.ToolSecrets;
import io.cronium.tools.WebhookSignature;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.observability.ActionMetrics;
import io.cronium.operator.status.Conditions;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API tier: the real operator fires the actions of finished runs. The test plays the node
 * (writes Pod statuses) and stands in for a webhook receiver with the JDK's HTTP server.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class ActionsTest {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @InjectLocalCluster LocalCluster cluster;
  @Inject MeterRegistry registry;

  private KubernetesClient client;
  private String namespace;
  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger held = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  record Received(String body, String signature) {}

  @BeforeEach
  void setUp() throws IOException {
    client = cluster.client();
    namespace = "actions-" + NAMESPACES.incrementAndGet();
    cluster.createNamespace(namespace);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(new Received(
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER)));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    // A tool that does not answer until the test says so.
    receiver.createContext("/held", exchange -> {
      held.incrementAndGet();
      try {
        release.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    release.countDown();
    receiver.stop(0);
  }

  @Test
  void aSucceededBashRunStartsThePythonEventWithItsOutputAsInput() throws Exception {
    createEvent("extract", EventType.Bash, runEvent(ActionTrigger.Success, null, "load"));
    createEvent("load", EventType.Python);
    client.resource(TestRuns.newRun(namespace, "extract-1", "extract")).create();

    finishPod("extract-1", 0, "{\"exitCode\":0,\"output\":{\"rows\":3,\"table\":\"users\"}}");

    JobRun next = awaitRun("extract-1-a0");
    assertThat(next.getSpec().getEventRef().getName()).isEqualTo("load");
    assertThat(next.getSpec().getTrigger()).isEqualTo(RunTrigger.Action);
    assertThat(next.getSpec().getInput()).isEqualTo(JSON.readTree("{\"rows\":3,\"table\":\"users\"}"));
    assertThat(next.getMetadata().getAnnotations()).containsEntry(JobRunLabels.PREDECESSOR, "extract-1");
    ActionRecord record = awaitRecord("extract-1", 0, ActionState.Created);
    assertThat(record.getJobRun()).isEqualTo("extract-1-a0");
    assertThat(record.getReason()).isEqualTo(ActionReasons.RUN_CREATED);
    // The chained run is an ordinary run of its Event: it gets its Pod.
    await().atMost(WAIT).until(() -> pod("extract-1-a0") != null);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(client.events().v1().events().inNamespace(namespace).list().getItems())
            .anySatisfy(event -> {
              assertThat(event.getReason()).isEqualTo(ActionReasons.RUN_CREATED);
              assertThat(event.getRegarding().getName()).isEqualTo("extract-1");
              assertThat(event.getNote()).isEqualTo("action 0: started JobRun \"extract-1-a0\" of Event \"load\"");
            }));
  }

  @Test
  void aScalarOutputIsWrappedAndAFailedRunPassesAnEmptyObject() throws Exception {
    createEvent("source", EventType.Bash, runEvent(ActionTrigger.Always, null, "sink"));
    createEvent("sink", EventType.Bash);
    client.resource(TestRuns.newRun(namespace, "source-1", "source")).create();
    client.resource(TestRuns.newRun(namespace, "source-2", "source")).create();

    finishPod("source-1", 0, "{\"exitCode\":0,\"output\":42}");
    finishPod("source-2", 1, "{\"exitCode\":1,\"output\":{\"partial\":true}}");

    assertThat(awaitRun("source-1-a0").getSpec().getInput()).isEqualTo(JSON.readTree("{\"value\":42}"));
    assertThat(awaitRun("source-2-a0").getSpec().getInput()).isEqualTo(JSON.readTree("{}"));
  }

  @Test
  void onConditionFiresTheActionMatchingTheRunsCondition() {
    createEvent("check", EventType.Bash,
        runEvent(ActionTrigger.Condition, true, "when-true"),
        runEvent(ActionTrigger.Condition, false, "when-false"));
    createEvent("when-true", EventType.Bash);
    createEvent("when-false", EventType.Bash);
    client.resource(TestRuns.newRun(namespace, "check-yes", "check")).create();
    client.resource(TestRuns.newRun(namespace, "check-no", "check")).create();

    finishPod("check-yes", 0, "{\"exitCode\":0,\"condition\":true}");
    finishPod("check-no", 0, "{\"exitCode\":0,\"condition\":false}");

    assertThat(awaitRun("check-yes-a0").getSpec().getEventRef().getName()).isEqualTo("when-true");
    assertThat(awaitRun("check-no-a1").getSpec().getEventRef().getName()).isEqualTo("when-false");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
      assertThat(run("check-yes-a1")).isNull();
      assertThat(run("check-no-a0")).isNull();
      assertThat(run("check-yes").getStatus().getActions()).extracting(ActionRecord::getIndex).containsExactly(0);
      assertThat(run("check-no").getStatus().getActions()).extracting(ActionRecord::getIndex).containsExactly(1);
    });
  }

  @Test
  void anOnFailureWebhookReceivesTheRenderedSignedMessage() throws Exception {
    createToolSecret("ops-hook", "webhook", Map.of(
        "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
        "hmacSecret", "s3cr3t-key"));
    createEvent("nightly", EventType.Bash,
        TestRuns.notifyAction(ActionTrigger.Failure, "ops-hook", "{{event.name}} {{run.phase}}",
            "exit {{run.exitCode}}, rows {{run.output.rows}}"),
        TestRuns.notifyAction(ActionTrigger.Success, "ops-hook", "never", "not sent for a failed run"));
    client.resource(TestRuns.newRun(namespace, "nightly-1", "nightly")).create();
    double before = sentCount();

    finishPod("nightly-1", 2, "{\"exitCode\":2,\"output\":{\"rows\":7}}");

    ActionRecord record = awaitRecord("nightly-1", 0, ActionState.Sent);
    assertThat(record.getReason()).isEqualTo(ActionReasons.NOTIFICATION_SENT);
    assertThat(received).singleElement().satisfies(message -> {
      assertThat(JSON.readTree(message.body()))
          .isEqualTo(JSON.readTree("{\"subject\":\"nightly Failed\",\"message\":\"exit 2, rows 7\"}"));
      assertThat(message.signature()).isEqualTo("sha256=" + hmacOf("s3cr3t-key", message.body()));
    });
    assertThat(run("nightly-1").getStatus().getActions()).hasSize(1);
    // Counted once the outcome is stored, just after the record this test saw.
    await().atMost(WAIT).untilAsserted(() -> assertThat(sentCount()).isEqualTo(before + 1));
  }

  @Test
  void anOnFailureEmailReachesTheSmtpServerWithTheRenderedSubjectAndBody() throws Exception {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    try {
      smtp.setUser("cronium@example.org", "cronium", "pa55-w0rd");
      createToolSecret("ops-mail", "email", Map.of(
          "host", "127.0.0.1", "port", Integer.toString(smtp.getSmtp().getPort()),
          "username", "cronium", "password", "pa55-w0rd", "tls", "none",
          "from", "cronium@example.org", "to", "ops@example.org"));
      createEvent("backup", EventType.Bash, TestRuns.notifyAction(ActionTrigger.Failure, "ops-mail",
          "{{event.name}} {{run.phase}} (exit {{run.exitCode}})",
          "Run {{run.name}} took {{run.duration}}; {{run.output.reason}}"));
      client.resource(TestRuns.newRun(namespace, "backup-1", "backup")).create();

      finishPod("backup-1", 3, "{\"exitCode\":3,\"output\":{\"reason\":\"disk full\"}}");

      awaitRecord("backup-1", 0, ActionState.Sent);
      assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
        assertThat(mail.getSubject()).isEqualTo("backup Failed (exit 3)");
        assertThat(GreenMailUtil.getBody(mail).strip()).isEqualTo("Run backup-1 took 2s; disk full");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ops@example.org");
      });
    } finally {
      smtp.stop();
    }
  }

  @Test
  void aRestartAfterTheRunFinishedFiresEachActionOnceAndNeverResendsAnInterruptedSend() {
    createToolSecret("ops-hook", "webhook",
        Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
    createEvent("target", EventType.Bash);
    Action chain = runEvent(ActionTrigger.Always, null, "target");
    Action message = TestRuns.notifyAction(ActionTrigger.Always, "ops-hook", "s", "m");
    // The state a stopped operator leaves behind, written before this operator sees the runs:
    // lost: finished, its due actions taken, none carried out. created: its next run was created,
    // not recorded. interrupted: a send was recorded as Sending and the operator stopped before
    // the outcome.
    finishedBeforeRestart("lost", List.of(due(0, chain), due(1, message)));
    finishedBeforeRestart("created", List.of(due(0, chain), due(1, message)));
    client.resource(TestRuns.newRun(namespace, "created-a0", "target")).create();
    ActionRecord sending = new ActionRecord(1, ActionRunner.NOTIFY, ActionState.Sending, null, "sending",
        "2026-11-28T10:00:04Z");
    sending.setAction(message);
    finishedBeforeRestart("interrupted", List.of(due(0, chain), sending));

    createEvent("flow", EventType.Bash, chain, message);

    awaitRecord("lost", 0, ActionState.Created);
    awaitRecord("lost", 1, ActionState.Sent);
    awaitRecord("created", 0, ActionState.Created);
    awaitRecord("created", 1, ActionState.Sent);
    ActionRecord unknown = awaitRecord("interrupted", 1, ActionState.Unknown);
    assertThat(unknown.getReason()).isEqualTo(ActionReasons.NOTIFICATION_OUTCOME_UNKNOWN);
    awaitRecord("interrupted", 0, ActionState.Created);
    // More wake-ups change nothing: each action fired exactly once.
    for (String name : List.of("lost", "created", "interrupted")) {
      TestRuns.touch(client, JobRun.class, namespace, name);
    }
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(received).hasSize(2);
      assertThat(client.resources(JobRun.class).inNamespace(namespace)
          .withLabel(JobRunLabels.EVENT, "target").list().getItems())
          .extracting(r -> r.getMetadata().getName())
          .containsExactlyInAnyOrder("lost-a0", "created-a0", "interrupted-a0");
      assertThat(run("lost").getStatus().getActions()).hasSize(2);
    });
  }

  @Test
  void actionsOfARunFoundFinishedUseItsOutputAndKeepItThoughTheCacheHoldsNone() throws Exception {
    createToolSecret("ops-hook", "webhook",
        Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
    createEvent("target", EventType.Bash);
    Action chain = runEvent(ActionTrigger.Always, null, "target");
    Action message = TestRuns.notifyAction(ActionTrigger.Always, "ops-hook", "s", "rows {{run.output.rows}}");
    JsonNode output = JSON.readTree("{\"rows\":4}");
    finishedBeforeRestart("found", List.of(due(0, chain), due(1, message)), status -> {
      status.setOutput(output);
      status.setLogTail("printed\n");
    });

    createEvent("flow", EventType.Bash, chain, message);

    awaitRecord("found", 1, ActionState.Sent);
    assertThat(awaitRun("found-a0").getSpec().getInput()).isEqualTo(output);
    assertThat(received).singleElement()
        .satisfies(sent -> assertThat(JSON.readTree(sent.body()).get("message").asText()).isEqualTo("rows 4"));
    JobRunStatus stored = run("found").getStatus();
    assertThat(stored.getOutput()).isEqualTo(output);
    assertThat(stored.getLogTail()).isEqualTo("printed\n");
  }

  @Test
  void actionsAddedOrMovedAfterARunEndedFireNothingForIt() {
    createToolSecret("ops-hook", "webhook",
        Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
    createEvent("target", EventType.Bash);
    createEvent("flow", EventType.Bash, TestRuns.notifyAction(ActionTrigger.Always, "ops-hook", "s", "first"));
    client.resource(TestRuns.newRun(namespace, "before", "flow")).create();
    finishPod("before", 0, "{\"exitCode\":0}");
    awaitRecord("before", 0, ActionState.Sent);

    // A runEvent action goes first (the notify moves to index 1) and another notify is added:
    // the edit wakes "before", whose index 0 now names the runEvent and index 2 the new notify.
    Event flow = client.resources(Event.class).inNamespace(namespace).withName("flow").get();
    flow.getSpec().setActions(List.of(runEvent(ActionTrigger.Always, null, "target"),
        TestRuns.notifyAction(ActionTrigger.Always, "ops-hook", "s", "first"), TestRuns.notifyAction(ActionTrigger.Always, "ops-hook", "s", "added")));
    client.resource(flow).update();
    // A run ending after the edit fires all three: the edit reached the operator before it.
    client.resource(TestRuns.newRun(namespace, "after", "flow")).create();
    finishPod("after", 0, "{\"exitCode\":0}");
    awaitRecord("after", 0, ActionState.Created);
    awaitRecord("after", 1, ActionState.Sent);
    awaitRecord("after", 2, ActionState.Sent);

    TestRuns.touch(client, JobRun.class, namespace, "before");
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(received).as("messages: one for before, two for after").hasSize(3);
      assertThat(client.resources(JobRun.class).inNamespace(namespace)
          .withLabel(JobRunLabels.EVENT, "target").list().getItems())
          .extracting(r -> r.getMetadata().getName())
          .containsExactly("after-a0");
      assertThat(run("before").getStatus().getActions())
          .extracting(ActionRecord::getIndex, ActionRecord::getState)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(0, ActionState.Sent));
    });
  }

  @Test
  void aToolThatDoesNotAnswerHoldsUpNothingElse() {
    createToolSecret("held-hook", "webhook",
        Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/held"));
    createEvent("target", EventType.Bash);
    // The send comes first: made on the reconcile thread, the runEvent after it would wait for
    // the send's 10 s timeout, and find it Failed by then.
    createEvent("flow", EventType.Bash, TestRuns.notifyAction(ActionTrigger.Always, "held-hook", "s", "m"),
        runEvent(ActionTrigger.Always, null, "target"));
    client.resource(TestRuns.newRun(namespace, "flow-1", "flow")).create();
    finishPod("flow-1", 0, "{\"exitCode\":0}");

    awaitRun("flow-1-a1");
    // The send starts on its own thread: it may reach the tool just after the next run exists.
    await().atMost(WAIT).until(() -> held.get() == 1);
    assertThat(run("flow-1").getStatus().getActions()).extracting(ActionRecord::getState)
        .containsExactly(ActionState.Sending, ActionState.Created);

    release.countDown();
    assertThat(awaitRecord("flow-1", 0, ActionState.Sent).getReason()).isEqualTo(ActionReasons.NOTIFICATION_SENT);
  }

  @Test
  void actionsOnACycleDoNotFireAndAMissingTargetIsReported() {
    createEvent("ping", EventType.Bash, runEvent(ActionTrigger.Success, null, "pong"));
    createEvent("pong", EventType.Bash, runEvent(ActionTrigger.Success, null, "ping"),
        runEvent(ActionTrigger.Success, null, "ghost"));
    client.resource(TestRuns.newRun(namespace, "ping-1", "ping")).create();
    client.resource(TestRuns.newRun(namespace, "pong-1", "pong")).create();

    finishPod("ping-1", 0, "{\"exitCode\":0}");
    finishPod("pong-1", 0, "{\"exitCode\":0}");

    assertThat(awaitRecord("ping-1", 0, ActionState.Skipped).getReason()).isEqualTo(ActionReasons.ACTION_CYCLE);
    assertThat(awaitRecord("pong-1", 0, ActionState.Skipped).getReason()).isEqualTo(ActionReasons.ACTION_CYCLE);
    assertThat(awaitRecord("pong-1", 1, ActionState.Skipped).getReason())
        .isEqualTo(ActionReasons.ACTION_TARGET_NOT_FOUND);
    assertThat(run("ping-1-a0")).isNull();
    assertThat(run("pong-1-a0")).isNull();
  }

  @Test
  void eventsOnALoopAndWithAMissingTargetShowActionsValidFalse() {
    createEvent("ping", EventType.Bash, runEvent(ActionTrigger.Success, null, "pong"));
    createEvent("lonely", EventType.Bash, runEvent(ActionTrigger.Success, null, "nowhere"));
    assertThat(awaitCondition("ping", ActionConditions.ACTIONS_VALID).getReason())
        .isEqualTo(ActionReasons.ACTION_TARGET_NOT_FOUND);

    // pong closing the loop re-checks ping, though ping itself did not change.
    createEvent("pong", EventType.Bash, runEvent(ActionTrigger.Success, null, "ping"));

    await().atMost(WAIT).untilAsserted(() -> {
      for (String name : List.of("ping", "pong")) {
        Condition condition = condition(name, ActionConditions.ACTIONS_VALID);
        assertThat(condition).isNotNull();
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo(ActionReasons.ACTION_CYCLE);
      }
      assertThat(condition("lonely", ActionConditions.ACTIONS_VALID).getMessage())
          .isEqualTo("runEvent names Events that do not exist in this namespace: nowhere");
    });
  }

  @Test
  void aMalformedToolSecretGivesToolsValidFalseOnEveryEventUsingItUntilFixed() {
    createToolSecret("team-slack", "slack", Map.of("url", "http://hooks.slack.com/services/T/B/SECRETPART"));
    createEvent("one", EventType.Bash, TestRuns.notifyAction(ActionTrigger.Failure, "team-slack", "s", "m"));
    createEvent("two", EventType.Bash, TestRuns.notifyAction(ActionTrigger.Always, "team-slack", "s", "m"));
    createEvent("three", EventType.Bash, TestRuns.notifyAction(ActionTrigger.Always, "missing-tool", "s", "m"));

    String expected = "Secret \"team-slack\": field url must be an https URL on hooks.slack.com under /services/";
    for (String name : List.of("one", "two")) {
      Condition condition = awaitCondition(name, ActionConditions.TOOLS_VALID);
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getReason()).isEqualTo(ActionReasons.INVALID_TOOL);
      assertThat(condition.getMessage()).isEqualTo(expected).doesNotContain("SECRETPART");
    }
    assertThat(awaitCondition("three", ActionConditions.TOOLS_VALID).getReason())
        .isEqualTo(ActionReasons.TOOL_NOT_FOUND);
    // A run that ends meanwhile records why its message was not sent, and nothing is sent.
    client.resource(TestRuns.newRun(namespace, "two-1", "two")).create();
    finishPod("two-1", 0, "{\"exitCode\":0}");
    ActionRecord refused = awaitRecord("two-1", 0, ActionState.Failed);
    assertThat(refused.getReason()).isEqualTo(ActionReasons.INVALID_TOOL);
    assertThat(refused.getMessage()).isEqualTo(expected);

    Secret fixed = client.secrets().inNamespace(namespace).withName("team-slack").get();
    fixed.setData(null);
    fixed.setStringData(Map.of("url", "https://hooks.slack.com/services/T/B/SECRETPART"));
    client.resource(fixed).update();
    // The operator watches no Secrets; kubectl cronium test-tool asks the Events to re-check.
    assertThat(ToolRecheck.request(client, namespace, "team-slack", Instant.now())).containsExactlyInAnyOrder("one", "two");

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(condition("one", ActionConditions.TOOLS_VALID).getStatus()).isEqualTo("True");
      assertThat(condition("two", ActionConditions.TOOLS_VALID).getStatus()).isEqualTo("True");
    });
  }

  private Condition condition(String event, String type) {
    Event current = client.resources(Event.class).inNamespace(namespace).withName(event).get();
    return current == null || current.getStatus() == null
        ? null
        : Conditions.find(current.getStatus().getConditions(), type);
  }

  private Condition awaitCondition(String event, String type) {
    return await().atMost(WAIT).until(() -> condition(event, type), c -> c != null);
  }

  private void finishedBeforeRestart(String name, List<ActionRecord> records) {
    finishedBeforeRestart(name, records, status -> {});
  }

  private void finishedBeforeRestart(String name, List<ActionRecord> records, Consumer<JobRunStatus> result) {
    client.resource(TestRuns.newRun(namespace, name, "flow")).create();
    // The operator marks it as waiting for its Event first; the finished state replaces that.
    await().atMost(WAIT).until(() -> run(name).getStatus() != null);
    JobRunStatus status = new JobRunStatus();
    status.setPhase(JobRunPhase.Succeeded);
    status.setExitCode(0);
    status.setCompletionTime("2026-11-28T10:00:03Z");
    status.setActions(records);
    result.accept(status);
    JobRun run = run(name);
    run.setStatus(status);
    client.resource(run).updateStatus();
  }

  private double sentCount() {
    var counter = registry.find(ActionMetrics.ACTIONS).tags("type", "notify", "result", "Sent").counter();
    return counter == null ? 0 : counter.count();
  }

  private static String hmacOf(String key, String body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** What the operator writes when a run ends: the action, due. */
  private static ActionRecord due(int index, Action action) {
    ActionRecord due = new ActionRecord(index, ActionRunner.typeOf(action), ActionState.Pending, null, "due",
        "2026-11-28T10:00:03Z");
    due.setAction(action);
    return due;
  }

  static Action runEvent(ActionTrigger on, Boolean condition, String target) {
    Action action = new Action();
    action.setWhen(on);
    action.setCondition(condition);
    action.setRunEvent(new RunEventAction(target));
    return action;
  }

  private void createEvent(String name, EventType type, Action... actions) {
    Event event = TestRuns.bashEvent(name, "true");
    event.getSpec().setType(type);
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setActions(List.of(actions));
    client.resource(event).create();
  }

  private void createToolSecret(String name, String type, Map<String, String> fields) {
    Secret secret = new SecretBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .withLabels(Map.of(ToolSecrets.TYPE_LABEL, type)).endMetadata()
        .withStringData(fields)
        .build();
    client.resource(secret).create();
  }

  private void finishPod(String name, int exitCode, String message) {
    Pod pod = await().atMost(WAIT).until(() -> pod(name), p -> p != null);
    TestRuns.writePodStatus(client, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), TestRuns.terminated(exitCode, message));
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  private JobRun run(String name) {
    return client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
  }

  private JobRun awaitRun(String name) {
    return await().atMost(WAIT).until(() -> run(name), r -> r != null);
  }

  private ActionRecord awaitRecord(String runName, int index, ActionState state) {
    return await().atMost(WAIT).until(
        () -> {
          JobRun run = run(runName);
          return run == null || run.getStatus() == null ? null
              : run.getStatus().getActions().stream()
                  .filter(r -> r.getIndex() == index && r.getState() == state).findFirst().orElse(null);
        },
        r -> r != null);
  }
}
