package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.cronium.contract.RuntimeEnv;
import io.cronium.contract.WireJson;
import io.cronium.tools.testing.ToolReceivers;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The send helpers of each language end to end: a script sends a Slack, a Discord and a webhook
 * message and an email through the tools its Event lists, to local receivers, and each arrives
 * with the body the script gave; the run's result lists every send. A tool the Event does not
 * list is refused with a clear message, and nothing is sent.
 */
class SendHelpersTest {

    @TempDir
    Path tmp;

    private ToolReceivers receivers;
    private LauncherHarness harness;

    @BeforeEach
    void mountTools() throws Exception {
        receivers = new ToolReceivers(tmp);
        // Vert.x's client reads the JDK's trust store settings when a run's first send creates it.
        System.setProperty("javax.net.ssl.trustStore", receivers.trustStore().toString());
        System.setProperty("javax.net.ssl.trustStorePassword", ToolReceivers.PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        Path toolsDir = tmp.resolve("tools");
        receivers.secrets().forEach((type, fields) -> {
            try {
                ToolReceivers.mount(toolsDir, "team-" + type, fields);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        harness = new LauncherHarness(tmp);
        harness.env.put(RuntimeEnv.TOOLS_DIR, toolsDir.toString());
    }

    @AfterEach
    void stopReceivers() {
        receivers.close();
    }

    /** A run of {@code script} whose Event lists one tool of each type (team-slack, ...), all mounted. */
    private static ObjectNode spec(String type, String script) {
        ObjectNode spec = LauncherHarness.spec(type, script);
        ArrayNode tools = spec.putArray("tools");
        for (String tool : List.of("slack", "discord", "webhook", "email")) {
            tools.addObject().put("name", "team-" + tool).put("type", tool);
        }
        // The receivers listen on loopback, which the guard refuses unless the operator allows it.
        spec.put("allowPrivateTargets", true);
        return spec;
    }

    @Test
    void bashSendsEachKindOfMessage() throws Exception {
        LauncherHarness.Run run = harness.run(spec("Bash", """
                cronium_send_slack_message '#ops' 'deployed "v2" from bash'
                cronium_send_discord_message 1234 'deployed from bash'
                cronium_execute_tool_action team-webhook send-message '{"subject": "deploy", "message": "from bash"}'
                cronium_send_email dev@example.org 'Nightly report' $'all good\\nfrom bash' lead@example.org
                """));

        assertAllArrived(run, "bash");
    }

    @Test
    void pythonSendsEachKindOfMessage() throws Exception {
        LauncherHarness.Run run = harness.run(spec("Python", """
                cronium.send_slack_message("#ops", 'deployed "v2" from python')
                cronium.send_discord_message("1234", "deployed from python")
                cronium.execute_tool_action("team-webhook", "send-message", {"subject": "deploy", "message": "from python"})
                cronium.send_email("dev@example.org", "Nightly report", "all good\\nfrom python", cc="lead@example.org")
                """));

        assertAllArrived(run, "python");
    }

    @Test
    void nodeSendsEachKindOfMessage() throws Exception {
        LauncherHarness.Run run = harness.run(spec("NodeJS", """
                await cronium.sendSlackMessage({ channel: '#ops', text: 'deployed "v2" from node' });
                await cronium.sendDiscordMessage({ content: 'deployed from node', channelId: '1234' });
                await cronium.executeToolAction('team-webhook', 'send-message', { subject: 'deploy', message: 'from node' });
                await cronium.sendEmail({ to: 'dev@example.org', subject: 'Nightly report', body: 'all good\\nfrom node',
                  cc: 'lead@example.org' });
                """));

        assertAllArrived(run, "node");
    }

    private void assertAllArrived(LauncherHarness.Run run, String language) throws Exception {
        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals(List.of(json("{\"text\":\"deployed \\\"v2\\\" from " + language + "\",\"channel\":\"#ops\"}")),
                receivers.slack.stream().map(SendHelpersTest::json).toList());
        assertEquals(List.of(json("{\"content\":\"deployed from " + language + "\"}")),
                receivers.discord.stream().map(SendHelpersTest::json).toList());
        assertEquals(List.of(json("{\"subject\":\"deploy\",\"message\":\"from " + language + "\"}")),
                receivers.webhook.stream().map(SendHelpersTest::json).toList());
        MimeMessage[] mails = receivers.smtp.getReceivedMessages();
        assertEquals(2, mails.length, "one copy for dev@, one for lead@ (cc)");
        assertEquals("Nightly report", mails[0].getSubject());
        assertEquals("all good\r\nfrom " + language, GreenMailUtil.getBody(mails[0]).strip());
        assertEquals("dev@example.org", mails[0].getRecipients(Message.RecipientType.TO)[0].toString());

        JsonNode sends = run.result().get("sends");
        assertEquals(4, sends.size(), sends.toString());
        assertEquals(List.of("team-slack #ops", "team-discord 1234", "team-webhook 127.0.0.1", "team-email dev@example.org"),
                List.of(target(sends.get(0)), target(sends.get(1)), target(sends.get(2)), target(sends.get(3))));
        sends.forEach(send -> assertTrue(send.get("sent").booleanValue(), send.toString()));
        assertFalse(sends.toString().contains("pa55-w0rd") || sends.toString().contains("/services/"),
                "no credential in the result: " + sends);
    }

    @Test
    void eachLanguageIsRefusedAToolItsEventDoesNotListAndNothingIsSent() throws Exception {
        Map<String, String> scripts = Map.of(
                "Bash", "cronium_send_slack_message '#ops' hi other-slack",
                "Python", "cronium.send_slack_message('#ops', 'hi', tool='other-slack')",
                "NodeJS", "await cronium.sendSlackMessage({ channel: '#ops', text: 'hi', tool: 'other-slack' });");
        ToolReceivers.mount(tmp.resolve("tools"), "other-slack", receivers.secrets().get("slack"));
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            LauncherHarness language = new LauncherHarness(tmp.resolve(script.getKey()));
            language.env.put(RuntimeEnv.TOOLS_DIR, tmp.resolve("tools").toString());
            LauncherHarness.Run run = language.run(spec(script.getKey(), script.getValue()));

            assertNotEquals(0, run.exitCode(), script.getKey());
            assertTrue(run.stderrText().contains("tool \"other-slack\" is not listed in the Event's spec.tools (it lists"
                    + " team-slack, team-discord, team-webhook, team-email); nothing was sent"), run.stderrText());
            assertEquals("ToolNotListed", run.result().at("/sends/0/reason").asText(), script.getKey());
        }
        assertEquals(List.of(), receivers.slack);
    }

    @Test
    void aToolsCredentialsAreMaskedInWhatTheRunShows() throws Exception {
        LauncherHarness.Run run = harness.run(spec("Bash", """
                echo "slack at $(cat "$CRONIUM_TOOLS_DIR/team-slack/url")"
                echo "mail as $(cat "$CRONIUM_TOOLS_DIR/team-email/password") from $(cat "$CRONIUM_TOOLS_DIR/team-email/from")"
                """));

        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals(List.of("slack at ***", "mail as *** from cronium@example.org"), run.stdout());
    }

    private static String target(JsonNode send) {
        return send.get("tool").asText() + " " + send.get("target").asText();
    }

    private static JsonNode json(String text) {
        try {
            return WireJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
