package io.cronium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.contract.ReceivedResult;
import io.cronium.contract.RuntimeEnv;
import io.cronium.contract.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the real launcher in-process against the host's bash, python3 and node, with the helper
 * libraries from {@code lib/}, a private variables directory and termination-message file.
 */
final class LauncherHarness {

    static final Path HELPERS = Path.of("lib").toAbsolutePath();

    final Path root;
    final Path variablesDir;
    final Path terminationMessage;
    final Map<String, String> env = new HashMap<>();
    final LineRecorder out = new LineRecorder();
    final LineRecorder err = new LineRecorder();

    LauncherHarness(Path root) {
        this.root = root;
        this.variablesDir = root.resolve("variables");
        this.terminationMessage = root.resolve("termination-log");
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", root.toString());
        env.put(RuntimeEnv.VARIABLES_DIR, variablesDir.toString());
        env.put(RuntimeEnv.TERMINATION_MESSAGE_PATH, terminationMessage.toString());
        env.put("CRONIUM_HELPERS_DIR", HELPERS.toString());
        env.put("TMPDIR", root.resolve("tmp").toString());
    }

    static ObjectNode spec(String type, String script) {
        ObjectNode spec = WireJson.MAPPER.createObjectNode();
        spec.put("executionId", "test-run-1");
        spec.put("type", type);
        spec.put("script", script);
        ObjectNode event = spec.putObject("event");
        event.put("name", "hello-world");
        event.put("namespace", "default");
        event.put("runName", "test-run-1");
        event.put("trigger", "Manual");
        event.put("attempt", 1);
        event.putNull("scheduledTime");
        spec.put("timeoutSeconds", 30);
        return spec;
    }

    LauncherHarness variable(String key, String json) {
        try {
            Files.createDirectories(variablesDir);
            Files.writeString(variablesDir.resolve(key), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Run run(JsonNode spec) throws InterruptedException {
        return run(spec.toString());
    }

    Run run(String specJson) throws InterruptedException {
        env.put(RuntimeEnv.RUN_SPEC, specJson);
        int exitCode = launcher().run();
        return new Run(exitCode, out.lines(), err.lines(), terminationResult());
    }

    CompletableFuture<Integer> start(JsonNode spec) {
        env.put(RuntimeEnv.RUN_SPEC, spec.toString());
        Launcher launcher = launcher();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return launcher.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Launcher launcher() {
        Path workingDir = root.resolve("workspace");
        try {
            Files.createDirectories(workingDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LauncherSettings defaults = LauncherSettings.fromEnvironment(env);
        LauncherSettings settings = new LauncherSettings(defaults.terminationMessagePath(), defaults.variablesDir(),
                defaults.helpersDir(), defaults.scratchDir(), workingDir, defaults.toolsDir());
        return new Launcher(settings, Map.copyOf(env), out.printStream(), err.printStream());
    }

    JsonNode terminationResult() {
        try {
            return Files.exists(terminationMessage) ? WireJson.MAPPER.readTree(Files.readString(terminationMessage)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One finished run: exit code, forwarded lines, and the termination message as JSON. */
    record Run(int exitCode, List<String> stdout, List<String> stderr, JsonNode result) {

        String stdoutText() {
            return String.join("\n", stdout);
        }

        String stderrText() {
            return String.join("\n", stderr);
        }

        String lastStdoutLine() {
            return stdout.isEmpty() ? "" : stdout.get(stdout.size() - 1);
        }

        /** The output as the operator reads it back from the termination message and the log. */
        JsonNode outputFromChunks() {
            ReceivedResult received = ReceivedResult.read(result.toString(), Optional.of(stdoutText())).orElseThrow();
            received.outputLost().ifPresent(lost -> {
                throw new AssertionError("output lost: " + lost);
            });
            return received.result().output().orElseThrow();
        }
    }
}
