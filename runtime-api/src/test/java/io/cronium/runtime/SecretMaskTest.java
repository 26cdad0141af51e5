package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cronium.contract.RunResult;
import io.cronium.contract.RuntimeEnv;
import io.cronium.contract.WireJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values of Secret-sourced variables never leave the run: log, output and error are masked. */
class SecretMaskTest {

    private static final String TOKEN = "s3cr3t-value";

    @TempDir
    Path tmp;

    private LauncherHarness harnessWithSecrets() {
        LauncherHarness harness = new LauncherHarness(tmp);
        harness.env.put("TOKEN", TOKEN);
        harness.env.put("PIN", "abc");
        harness.env.put("PLAIN", "not-a-secret");
        harness.env.put(RuntimeEnv.MASKED_ENV, "TOKEN,PIN");
        return harness;
    }

    @Test
    void aSecretIsMaskedWholeInALineSplitAcrossWritesOnStderrAndInTheOutput() throws Exception {
        LauncherHarness.Run run = harnessWithSecrets().run(LauncherHarness.spec("Bash", """
                echo "$TOKEN"
                echo "the token is $TOKEN, done"
                printf 's3cr3t'; printf -- '-value\\n'
                echo "to stderr: $TOKEN" >&2
                echo "short $PIN, plain $PLAIN"
                cronium_output "{\\"token\\": \\"$TOKEN\\", \\"in\\": [\\"x${TOKEN}y\\"], \\"$TOKEN\\": 1}"
                """));

        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("***", run.stdout().get(0));
        assertEquals("the token is ***, done", run.stdout().get(1));
        assertEquals("***", run.stdout().get(2));
        assertEquals("short abc, plain not-a-secret", run.stdout().get(3), "values under 4 bytes and plain ones stay");
        assertEquals("to stderr: ***", run.stderrText());
        assertEquals(WireJson.MAPPER.readTree("{\"token\": \"***\", \"in\": [\"x***y\"], \"***\": 1}"),
                run.outputFromChunks());
        assertFalse(run.result().toString().contains(TOKEN), run.result().toString());
    }

    @Test
    void aSecretCutByTheBoundaryOfAVeryLongLineIsStillMasked() throws Exception {
        int before = LineForwarder.MAX_LINE_BYTES - 5;

        LauncherHarness.Run run = harnessWithSecrets().run(LauncherHarness.spec("Bash",
                "head -c " + before + " /dev/zero | tr '\\0' y; echo \"$TOKEN and more\""));

        String printed = String.join("", run.stdout());
        assertEquals("y".repeat(before) + "*** and more", printed);
    }

    @Test
    void numbersAndBooleansThatShowASecretBecomeTheMaskedText() {
        SecretMask mask = SecretMask.of(Map.of("PIN", "123456", RuntimeEnv.MASKED_ENV, "PIN"), List.of());
        JsonNode output = WireJson.MAPPER.createObjectNode().put("pin", 123456).put("other", 42);

        RunResult masked = mask.mask(new RunResult(1, Optional.of(output), Optional.empty(), Map.of(), Set.of(), false,
                "request to https://example.test/?pin=123456 failed", false, false, 0));

        assertEquals("***", masked.output().orElseThrow().get("pin").asText());
        assertTrue(masked.output().orElseThrow().get("other").isNumber());
        assertEquals("request to https://example.test/?pin=*** failed", masked.error());
    }

    @Test
    void aLongerSecretContainingAShorterOneIsMaskedWhole() {
        SecretMask mask = SecretMask.of(Map.of("A", "token", "B", "token-and-more",
                RuntimeEnv.MASKED_ENV, "A, B, MISSING"), List.of());

        assertEquals("*** then ***", mask.mask("token-and-more then token"));
    }
}
