package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RunResultTest {

    @Test
    void readsTheContractFieldsAndIgnoresUnknownOnes() {
        RunResult result = RunResult.parse("{\"exitCode\":0,\"output\":{\"x\":[1,2]},\"condition\":false,\"future\":1,"
                + "\"outputTruncated\":true}").orElseThrow();

        assertEquals(0, result.exitCode());
        assertEquals(2, result.output().orElseThrow().get("x").get(1).asInt());
        assertEquals(Optional.of(false), result.condition());
        assertTrue(result.outputTruncated());
        assertFalse(result.timedOut());
        assertTrue(result.variables().isEmpty());
        assertTrue(result.deletedVariables().isEmpty(), "a runtime-api older than deletions reports none");
    }

    @Test
    void sendsRoundTripInOrder() {
        RunResult result = new RunResult(0, Optional.empty(), Optional.empty(), java.util.Map.of(), Set.of(), false, null,
                false, false, 0, java.util.List.of(
                        new ToolSendRecord("ops-slack", "slack", "#ops", true, null, "sent through tool \"ops-slack\" (HTTP 200)"),
                        new ToolSendRecord("mail", "email", "a@example.org", false, "ToolNotListed", "not listed")));

        assertEquals(result, RunResult.parse(new String(result.toJson(), StandardCharsets.UTF_8)).orElseThrow());
    }

    @Test
    void aResultWithoutSendsHasNoSendsField() {
        RunResult result = RunResult.parse("{\"exitCode\":0}").orElseThrow();

        assertTrue(result.sends().isEmpty());
        assertFalse(new String(result.toJson(), StandardCharsets.UTF_8).contains("sends"));
    }

    @Test
    void deletedVariablesRoundTrip() {
        RunResult result = RunResult.parse("{\"exitCode\":0,\"variables\":{\"a\":1},\"deletedVariables\":[\"b\",\"c\"]}")
                .orElseThrow();

        assertEquals(Set.of("b", "c"), result.deletedVariables());
        assertEquals(result, RunResult.parse(new String(result.toJson(), StandardCharsets.UTF_8)).orElseThrow());
    }

    @Test
    void absentAndNullPartsReadAsAbsent() {
        RunResult result = RunResult.parse("{\"exitCode\":3,\"output\":null,\"condition\":null,\"variables\":null,"
                + "\"error\":null}").orElseThrow();

        assertEquals(Optional.empty(), result.output());
        assertEquals(Optional.empty(), result.condition());
        assertTrue(result.variables().isEmpty());
        assertEquals(null, result.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Segmentation fault", "{broken", "{\"output\":{}}", "{\"exitCode\":\"0\"}",
        "{\"exitCode\":0,\"condition\":\"yes\"}", "{\"exitCode\":0,\"variables\":[1]}",
        "{\"exitCode\":0,\"deletedVariables\":\"a\"}", "{\"exitCode\":0,\"deletedVariables\":[1]}",
        "{\"exitCode\":0,\"outputChunks\":1.5}", "{\"exitCode\":0} trailing"})
    void textThatIsNotAResultIsNoResult(String text) {
        assertEquals(Optional.empty(), RunResult.parse(text));
    }

    @Test
    void noTerminationMessageIsNoResult() {
        assertEquals(Optional.empty(), RunResult.parse(null));
    }
}
