package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.ToolSendOutcome;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.tools.ToolSecrets;
import io.cronium.tools.testing.ToolReceivers;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Container tier: scripts in the real runtime-api image send through the tool Secrets their Event
 * lists, in each language, to local Slack, Discord, webhook and SMTP receivers, and the JobRun's
 * status shows every send. The chat receivers serve HTTPS under Slack's and Discord's own host
 * names: the Pod's JVM is pointed at a hosts file and the receivers' certificate, mounted from
 * one more listed Secret (an unlabelled one, which no send uses).
 */
@Tag("container")
@QuarkusTest
@QuarkusTestResource(
    value = LocalClusterResource.class,
    initArgs = @ResourceArg(name = LocalClusterResource.PODMAN_NODE, value = "true"),
    restrictToAnnotatedClass = true)
class SendHelpersContainerTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final String NETWORK = "receiver-network";
  private static Path keys;
  private static ToolReceivers receivers;

  @InjectLocalCluster LocalCluster cluster;

  private KubernetesClient client;
  private String namespace;

  @BeforeAll
  static void startReceivers() throws Exception {
    keys = Files.createTempDirectory("send-helpers");
    receivers = new ToolReceivers(keys);
  }

  @AfterAll
  static void stopReceivers() {
    receivers.close();
  }

  @BeforeEach
  void namespaceWithTools() throws Exception {
    client = cluster.client();
    namespace = "sends-" + NAMESPACES.incrementAndGet();
    cluster.createNamespace(namespace);
    receivers.slack.clear();
    receivers.discord.clear();
    receivers.webhook.clear();
    receivers.smtp.purgeEmailFromAllMailboxes();
    receivers.secrets().forEach((type, fields) -> toolSecret("team-" + type, type, fields));
    toolSecret("other-slack", "slack", receivers.secrets().get("slack"));
    client.resource(new SecretBuilder()
        .withNewMetadata().withName(NETWORK).withNamespace(namespace).endMetadata()
        .withData(Map.of(
            "hosts", base64(ToolReceivers.HOSTS.getBytes(StandardCharsets.UTF_8)),
            "receivers.p12", base64(Files.readAllBytes(receivers.trustStore()))))
        .build()).create();
  }

  private void toolSecret(String name, String type, Map<String, String> fields) {
    client.resource(new SecretBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .withLabels(Map.of(ToolSecrets.TYPE_LABEL, type)).endMetadata()
        .withStringData(fields).build()).create();
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private JobRun run(EventType type, String script) {
    Event event = TestRuns.bashEvent("sender", script);
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setType(type);
    event.getSpec().setTools(new ArrayList<>(List.of("team-slack", "team-discord", "team-webhook", "team-email", NETWORK)));
    String mounted = "/etc/cronium/tools/" + NETWORK + "/";
    event.getSpec().setEnv(List.of(new EnvVar("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + mounted + "hosts"
        + " -Djavax.net.ssl.trustStore=" + mounted + "receivers.p12 -Djavax.net.ssl.trustStoreType=PKCS12"
        + " -Djavax.net.ssl.trustStorePassword=" + ToolReceivers.PASSWORD, null)));
    return TestRuns.runToEnd(client, event, WAIT);
  }

  @Test
  void bashSendsEachKindOfMessage() throws Exception {
    JobRun run = run(EventType.Bash, """
        cronium_send_slack_message '#ops' 'deployed from bash'
        cronium_send_discord_message 1234 'deployed from bash'
        cronium_execute_tool_action team-webhook send-message '{"subject": "deploy", "message": "from bash"}'
        cronium_send_email dev@example.org 'Nightly report' 'all good from bash'
        """);

    assertAllArrived(run, "bash");
  }

  @Test
  void pythonSendsEachKindOfMessage() throws Exception {
    JobRun run = run(EventType.Python, """
        cronium.send_slack_message("#ops", "deployed from python")
        cronium.send_discord_message("1234", "deployed from python")
        cronium.execute_tool_action("team-webhook", "send-message", {"subject": "deploy", "message": "from python"})
        cronium.send_email("dev@example.org", "Nightly report", "all good from python")
        """);

    assertAllArrived(run, "python");
  }

  @Test
  void nodeSendsEachKindOfMessage() throws Exception {
    JobRun run = run(EventType.NodeJS, """
        await cronium.sendSlackMessage({ channel: '#ops', text: 'deployed from node' });
        await cronium.sendDiscordMessage({ content: 'deployed from node', channelId: '1234' });
        await cronium.executeToolAction('team-webhook', 'send-message', { subject: 'deploy', message: 'from node' });
        await cronium.sendEmail({ to: 'dev@example.org', subject: 'Nightly report', body: 'all good from node' });
        """);

    assertAllArrived(run, "node");
  }

  private void assertAllArrived(JobRun run, String language) throws Exception {
    assertThat(run.phase()).as("%s %s", run.getStatus().getMessage(), run.getStatus().getLogTail())
        .isEqualTo(JobRunPhase.Succeeded);
    assertThat(receivers.slack).map(SendHelpersContainerTest::json)
        .containsExactly(json("{\"text\":\"deployed from " + language + "\",\"channel\":\"#ops\"}"));
    assertThat(receivers.discord).map(SendHelpersContainerTest::json)
        .containsExactly(json("{\"content\":\"deployed from " + language + "\"}"));
    assertThat(receivers.webhook).map(SendHelpersContainerTest::json)
        .containsExactly(json("{\"subject\":\"deploy\",\"message\":\"from " + language + "\"}"));
    MimeMessage[] mails = receivers.smtp.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).isEqualTo("Nightly report");
    assertThat(GreenMailUtil.getBody(mails[0]).strip()).isEqualTo("all good from " + language);
    assertThat(run.getStatus().getSends())
        .extracting(send -> send.getTool() + " " + send.getTarget() + " " + send.getOutcome())
        .containsExactly("team-slack #ops Sent", "team-discord 1234 Sent", "team-webhook 127.0.0.1 Sent",
            "team-email dev@example.org Sent");
  }

  @Test
  void aToolTheEventDoesNotListIsRefusedAndNothingIsSent() {
    JobRun run = run(EventType.Python, "cronium.send_slack_message('#ops', 'hi', tool='other-slack')");

    assertThat(run.phase()).isEqualTo(JobRunPhase.Failed);
    assertThat(run.getStatus().getLogTail()).contains("tool \"other-slack\" is not listed in the Event's spec.tools"
        + " (it lists team-slack, team-discord, team-webhook, team-email, " + NETWORK + "); nothing was sent");
    assertThat(run.getStatus().getSends()).singleElement().satisfies(send -> {
      assertThat(send.getOutcome()).isEqualTo(ToolSendOutcome.Failed);
      assertThat(send.getReason()).isEqualTo("ToolNotListed");
    });
    assertThat(receivers.slack).isEmpty();
  }

  private static JsonNode json(String text) {
    try {
      return Serialization.jsonMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }
}
