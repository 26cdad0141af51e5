package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.contract.RuntimeEnv;
import io.cronium.contract.WireJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as the container runs it: a JVM of its own, exit status and signals included. */
class MainProcessTest {

    @TempDir
    Path tmp;

    @Test
    void jvmExitsWithTheScriptsExitCode() throws Exception {
        Process launcher = start(LauncherHarness.spec("Bash", "echo bye; exit 3"));

        assertTrue(launcher.waitFor(20, TimeUnit.SECONDS));
        assertEquals(3, launcher.exitValue());
        assertEquals("bye\n", new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(3, result().get("exitCode").intValue());
    }

    @Test
    void sigtermIsForwardedAndTheScriptsExitCodeReported() throws Exception {
        Process launcher = start(LauncherHarness.spec("Bash", """
                trap 'echo "got TERM"; cronium_output "\\"cleaned up\\""; exit 7' TERM
                echo ready
                sleep 30 &
                wait
                """));
        BufferedReader stdout = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", stdout.readLine());

        // The handle only signals; Process.destroy() would also close our end of its stdout.
        launcher.toHandle().destroy();

        assertEquals("got TERM", stdout.readLine());
        assertTrue(launcher.waitFor(20, TimeUnit.SECONDS));
        assertEquals(7, launcher.exitValue());
        assertEquals(7, result().get("exitCode").intValue());
        assertEquals("cleaned up", result().at("/output/value").asText(), "helpers still answer during shutdown");
    }

    private Process start(ObjectNode spec) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put(RuntimeEnv.RUN_SPEC, spec.toString());
        builder.environment().put(RuntimeEnv.TERMINATION_MESSAGE_PATH, tmp.resolve("termination-log").toString());
        builder.environment().put(RuntimeEnv.VARIABLES_DIR, tmp.resolve("variables").toString());
        builder.environment().put("CRONIUM_HELPERS_DIR", LauncherHarness.HELPERS.toString());
        builder.environment().put("TMPDIR", tmp.toString());
        return builder.start();
    }

    private JsonNode result() throws Exception {
        return WireJson.MAPPER.readTree(Files.readString(tmp.resolve("termination-log")));
    }
}
