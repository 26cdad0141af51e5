package io.cronium.runtime;

import io.cronium.contract.RuntimeEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the launcher finds and puts things. The contract fixes the first two (with their env
 * overrides); the rest are image layout, overridable for tests and local runs.
 *
 * @param helpersDir the helper libraries ({@code bash/}, {@code python/}, {@code node/})
 * @param scratchDir where script files are written (the root filesystem is read-only)
 * @param workingDir the script's working directory
 * @param toolsDir the Event's tool Secrets, one directory each
 */
record LauncherSettings(
        Path terminationMessagePath,
        Path variablesDir,
        Path helpersDir,
        Path scratchDir,
        Path workingDir,
        Path toolsDir) {

    static final Path WORKSPACE = Path.of("/workspace");

    static LauncherSettings fromEnvironment(Map<String, String> env) {
        return new LauncherSettings(
                Path.of(env.getOrDefault(RuntimeEnv.TERMINATION_MESSAGE_PATH, RuntimeEnv.DEFAULT_TERMINATION_MESSAGE_PATH)),
                Path.of(env.getOrDefault(RuntimeEnv.VARIABLES_DIR, RuntimeEnv.DEFAULT_VARIABLES_DIR)),
                Path.of(env.getOrDefault("CRONIUM_HELPERS_DIR", "/opt/cronium/lib")),
                Path.of(env.getOrDefault("TMPDIR", "/tmp")),
                Files.isDirectory(WORKSPACE) ? WORKSPACE : Path.of("").toAbsolutePath(),
                Path.of(env.getOrDefault(RuntimeEnv.TOOLS_DIR, RuntimeEnv.DEFAULT_TOOLS_DIR)));
    }
}
