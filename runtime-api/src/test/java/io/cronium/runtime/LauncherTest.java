package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.contract.OutputChunks;
import io.cronium.contract.ResultLine;
import io.cronium.contract.RunResult;
import io.cronium.contract.RuntimeEnv;
import io.cronium.contract.WireJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's own duties: exit codes, live output, timeouts, failures and the result channel. */
class LauncherTest {

    @TempDir
    Path tmp;

    @Test
    void exitCodeOfTheScriptIsPropagated() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", "echo failing >&2; exit 3"));

        assertEquals(3, run.exitCode());
        assertEquals(3, run.result().get("exitCode").intValue());
        assertEquals("failing", run.stderrText(), "stderr is forwarded to stderr");
    }

    @Test
    void linesAreForwardedWhileTheScriptRuns() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp);
        CompletableFuture<Integer> running = harness.start(LauncherHarness.spec("Python", """
                import time
                print("first")
                time.sleep(1)
                print("second")
                """));

        String first = harness.out.awaitLine(5, TimeUnit.SECONDS);
        long firstSeen = System.nanoTime();

        assertEquals("first", first);
        assertFalse(running.isDone(), "the first line arrived before the script ended");
        assertEquals("second", harness.out.awaitLine(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - firstSeen > TimeUnit.MILLISECONDS.toNanos(700),
                "the second line came about a second later, not together with the first");
        assertEquals(0, running.get(5, TimeUnit.SECONDS));
    }

    @Test
    void lastLineWithoutNewlineIsStillForwarded() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", "printf 'no newline'"));

        assertEquals("no newline", run.lastStdoutLine());
    }

    @Test
    void timeoutKillsTheScriptTreeAndReports124() throws Exception {
        ObjectNode spec = LauncherHarness.spec("Bash", """
                cronium_output '{"step": 1}'
                echo started
                sleep 30
                echo "not reached"
                """);
        spec.put("timeoutSeconds", 1);
        long started = System.nanoTime();

        LauncherHarness.Run run = new LauncherHarness(tmp).run(spec);

        assertEquals(124, run.exitCode());
        assertTrue(run.result().get("timedOut").booleanValue());
        assertEquals(124, run.result().get("exitCode").intValue());
        assertEquals(1, run.result().at("/output/step").intValue(), "output set before the timeout is kept");
        // Bash may still report its killed child ("Terminated") when the signal reaches it last.
        assertEquals("cronium: timed out after 1 s; stopping the script", run.stderrText().lines().findFirst().orElse(""));
        assertFalse(run.stdout().contains("not reached"));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "sleep 30 was killed too");
    }

    @Test
    void missingInterpreterExits127WithOneLine() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp);
        harness.env.put("PATH", tmp.resolve("empty-bin").toString());

        LauncherHarness.Run run = harness.run(LauncherHarness.spec("Python", "print('hi')"));

        assertEquals(127, run.exitCode());
        assertEquals("cronium: interpreter not found: python3 is not on PATH", run.stderrText());
        assertEquals("interpreter not found: python3 is not on PATH", run.result().get("error").asText());
    }

    @Test
    void badSpecExits2WithOneLineAndNoStackTrace() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run("{\"executionId\": \"x\", \"type\": \"Ruby\", \"script\": \"\"}");

        assertEquals(2, run.exitCode());
        assertEquals(1, run.stderr().size());
        assertEquals("cronium: invalid run spec: type must be one of Bash, Python, NodeJS, HTTP, not \"Ruby\"",
                run.stderr().get(0));
        assertEquals(2, run.result().get("exitCode").intValue());
        assertTrue(run.result().get("error").asText().startsWith("invalid run spec: type must be one of"));
    }

    @Test
    void specThatIsNotJsonExits2() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run("{not json");

        assertEquals(2, run.exitCode());
        assertTrue(run.stderrText().startsWith("cronium: invalid run spec: CRONIUM_RUN_SPEC is not valid JSON"),
                run.stderrText());
        assertFalse(run.stderrText().contains("\tat "));
    }

    @Test
    void oversizedResultTravelsAsTheLastLogLine() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp);
        LauncherHarness.Run run = harness.run(LauncherHarness.spec("Python", """
                cronium.set_variable("small", 1)
                cronium.output({"text": "x" * 10000})
                cronium.set_condition(True)
                print("script done")
                """));

        assertEquals(0, run.exitCode());
        JsonNode message = run.result();
        assertTrue(message.get("resultInLog").booleanValue());
        assertFalse(message.has("output"), "output is dropped from the termination message");
        assertFalse(message.has("variables"), "variables are dropped from the termination message");
        assertTrue(message.get("condition").booleanValue(), "the small parts stay");
        assertTrue(Files.size(harness.terminationMessage) <= RunResult.TERMINATION_MESSAGE_LIMIT);

        String marker = run.lastStdoutLine();
        assertTrue(marker.startsWith(ResultLine.MARKER), marker.substring(0, Math.min(60, marker.length())));
        JsonNode full = WireJson.MAPPER.readTree(marker.substring(ResultLine.MARKER.length()));
        assertFalse(full.has("output"), "the output travels in chunk lines");
        assertEquals(3, full.get("outputChunks").intValue(), "10 KiB of JSON in 4 KiB chunks");
        assertEquals(10000, run.outputFromChunks().at("/text").asText().length());
        assertEquals(1, full.at("/variables/small").intValue());
        assertTrue(full.get("resultInLog").booleanValue());
        assertTrue(run.stdout().get(run.stdout().size() - 2).startsWith(OutputChunks.MARKER + " 3/3 "));
        assertEquals("script done", run.stdout().get(run.stdout().size() - 5));
    }

    @Test
    void outputOverOneMebibyteIsCutAndFlagged() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Python", """
                cronium.output("é" * 700000)
                """));

        assertEquals(0, run.exitCode());
        assertTrue(run.result().get("outputTruncated").booleanValue());
        JsonNode full = WireJson.MAPPER.readTree(run.lastStdoutLine().substring(ResultLine.MARKER.length()));
        assertTrue(full.get("outputTruncated").booleanValue());
        JsonNode output = run.outputFromChunks();
        String head = output.at("/value").asText();
        assertTrue(head.startsWith("{\"value\":\"éé"), "the head of the output's JSON is kept");
        int outputBytes = WireJson.MAPPER.writeValueAsBytes(output).length;
        assertTrue(outputBytes <= RunResult.MAX_OUTPUT_BYTES, "the truncated output's JSON still fits 1 MiB");
        assertTrue(outputBytes > RunResult.MAX_OUTPUT_BYTES - 4);
        assertEquals(256, full.get("outputChunks").intValue());
    }

    @Test
    void scriptRunsInTheWorkingDirectoryWithTheHelperApiEnvironment() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp);
        harness.env.put("USER_SETTING", "from-event-env");

        LauncherHarness.Run run = harness.run(LauncherHarness.spec("Bash", """
                echo "pwd=$PWD"
                echo "setting=$USER_SETTING"
                echo "id=$CRONIUM_EXECUTION_ID"
                echo "spec=${CRONIUM_RUN_SPEC:-unset}"
                [[ $CRONIUM_RUNTIME_API == http://127.0.0.1:* && -n $CRONIUM_EXECUTION_TOKEN ]] && echo "api=ok"
                """));

        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("pwd=" + tmp.resolve("workspace"), run.stdout().get(0));
        assertEquals("setting=from-event-env", run.stdout().get(1));
        assertEquals("id=test-run-1", run.stdout().get(2));
        assertEquals("spec=unset", run.stdout().get(3));
        assertEquals("api=ok", run.stdout().get(4));
    }

    @Test
    void unwritableTerminationPathFallsBackToTheLog() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp);
        harness.env.put(RuntimeEnv.TERMINATION_MESSAGE_PATH, tmp.resolve("missing-dir/termination-log").toString());

        LauncherHarness.Run run = harness.run(LauncherHarness.spec("Bash", "cronium_output '{\"ok\": true}'"));

        assertNull(run.result());
        assertTrue(run.stderrText().contains("cannot write the result to"), run.stderrText());
        JsonNode full = WireJson.MAPPER.readTree(run.lastStdoutLine().substring(ResultLine.MARKER.length()));
        assertNotNull(full.get("output"));
        assertTrue(full.at("/output/ok").booleanValue());
    }
}
