package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cronium.contract.ToolGrant;
import io.cronium.contract.ToolSendRecord;
import io.cronium.contract.WireJson;
import io.cronium.tools.SendOutcome;
import io.cronium.tools.SendReasons;
import io.cronium.tools.testing.ToolReceivers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tool a script's send goes through, and every refusal before anything is sent. */
class ScriptSendsTest {

    private static final Map<String, String> SLACK = Map.of("url", "https://hooks.slack.com/services/T0/B0/x");

    @TempDir
    Path tools;

    private SendOutcome send(List<ToolGrant> grants, String body) throws Exception {
        try (ScriptSends sends = new ScriptSends(grants, tools, "team-a", false)) {
            SendOutcome outcome = sends.send(SendRequest.parse(WireJson.MAPPER.readTree(body)));
            List<ToolSendRecord> records = sends.records();
            assertEquals(1, records.size(), "every send is recorded, refused ones too");
            assertEquals(outcome.reason(), records.get(0).reason());
            return outcome;
        }
    }

    @Test
    void aToolTheEventDoesNotListIsRefusedByName() throws Exception {
        ToolReceivers.mount(tools, "other", SLACK);

        SendOutcome outcome = send(List.of(new ToolGrant("ops", "slack")),
                "{\"tool\": \"other\", \"type\": \"slack\", \"config\": {\"text\": \"hi\"}}");

        assertFalse(outcome.sent());
        assertEquals(SendReasons.TOOL_NOT_LISTED, outcome.reason());
        assertEquals("tool \"other\" is not listed in the Event's spec.tools (it lists ops); nothing was sent",
                outcome.message());
    }

    @Test
    void aTypeTheEventListsNoToolOfIsRefused() throws Exception {
        SendOutcome outcome = send(List.of(), "{\"type\": \"email\", \"config\": {\"body\": \"hi\"}}");

        assertEquals(SendReasons.TOOL_NOT_LISTED, outcome.reason());
        assertEquals("the Event lists no email tool in spec.tools (it lists none); nothing was sent", outcome.message());
    }

    @Test
    void twoListedToolsOfTheTypeAreNotGuessedBetween() throws Exception {
        SendOutcome outcome = send(List.of(new ToolGrant("ops", "slack"), new ToolGrant("alerts", "slack")),
                "{\"type\": \"slack\", \"config\": {\"text\": \"hi\"}}");

        assertEquals(SendReasons.INVALID_MESSAGE, outcome.reason());
        assertEquals("the Event lists 2 slack tools (ops, alerts); name the one to send through", outcome.message());
    }

    @Test
    void anInvalidSecretIsRefusedWithTheOperatorsMessage() throws Exception {
        ToolReceivers.mount(tools, "ops", Map.of("url", "https://example.org/services/x"));

        SendOutcome outcome = send(List.of(new ToolGrant("ops", "slack")),
                "{\"tool\": \"ops\", \"config\": {\"text\": \"hi\"}}");

        assertEquals(SendReasons.INVALID_TOOL, outcome.reason());
        assertEquals("Secret \"ops\": field url must be an https URL on hooks.slack.com under /services/",
                outcome.message());
    }

    @Test
    void aSecretWithoutATypeLabelIsRefusedWithTheOperatorsMessage() throws Exception {
        ToolReceivers.mount(tools, "ops", SLACK);

        SendOutcome outcome = send(List.of(new ToolGrant("ops", null)), "{\"tool\": \"ops\", \"config\": {\"text\": \"hi\"}}");

        assertEquals(SendReasons.INVALID_TOOL, outcome.reason());
        assertEquals("Secret \"ops\" has no cronium.io/tool-type label; expected one of slack, discord, email, webhook",
                outcome.message());
    }

    @Test
    void aListedSecretThatIsNotMountedWasNotFound() throws Exception {
        SendOutcome outcome = send(List.of(new ToolGrant("ops", "slack")), "{\"tool\": \"ops\", \"config\": {\"text\": \"hi\"}}");

        assertEquals(SendReasons.TOOL_NOT_FOUND, outcome.reason());
        assertEquals("tool Secret \"ops\" not found in namespace \"team-a\"", outcome.message());
    }

    @Test
    void aToolOfAnotherTypeThanTheHelperIsRefused() throws Exception {
        ToolReceivers.mount(tools, "ops", SLACK);

        SendOutcome outcome = send(List.of(new ToolGrant("ops", "slack")),
                "{\"tool\": \"ops\", \"type\": \"discord\", \"config\": {\"content\": \"hi\"}}");

        assertEquals(SendReasons.INVALID_MESSAGE, outcome.reason());
        assertEquals("tool \"ops\" is a slack tool, not discord", outcome.message());
    }

    @Test
    void theGuardRefusesAPrivateTargetBeforeSending() throws Exception {
        ToolReceivers.mount(tools, "hook", Map.of("url", "http://127.0.0.1:9/in"));

        SendOutcome outcome = send(List.of(new ToolGrant("hook", "webhook")),
                "{\"tool\": \"hook\", \"action\": \"send-message\", \"config\": {\"message\": \"hi\"}}");

        assertEquals(SendReasons.TARGET_NOT_ALLOWED, outcome.reason());
    }
}
