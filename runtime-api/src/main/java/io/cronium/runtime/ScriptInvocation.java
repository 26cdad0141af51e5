package io.cronium.runtime;

import io.cronium.contract.RunType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one script: the user's source written to a private directory under the scratch
 * directory (the root filesystem is read-only in the Pod) plus the interpreter command that loads
 * the matching helper first, so that scripts need no import.
 *
 * @param environment variables to add to the child's environment
 * @param scriptDirectory the private directory holding the script, removed after the run
 */
record ScriptInvocation(List<String> command, Map<String, String> environment, Path scriptDirectory) {

    static ScriptInvocation prepare(RunType type, String source, Path helpersDir, Path scratchDir,
            Map<String, String> env) throws InterpreterNotFoundException, IOException {
        String program = switch (type) {
            case Bash -> "bash";
            case Python -> "python3";
            case NodeJS -> "node";
            case HTTP -> throw new IllegalArgumentException("HTTP runs have no interpreter");
        };
        String interpreter = ExecutableLocator.find(program, env.get("PATH"))
                .orElseThrow(() -> new InterpreterNotFoundException(program))
                .toString();
        Files.createDirectories(scratchDir);
        Path directory = Files.createTempDirectory(scratchDir, "cronium-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Map<String, String> extraEnv = new HashMap<>();
        List<String> command = switch (type) {
            case Bash -> {
                Path script = write(directory.resolve("script.sh"), source);
                yield List.of(interpreter, helpersDir.resolve("bash/run.sh").toString(), script.toString());
            }
            case Python -> {
                Path script = write(directory.resolve("script.py"), source);
                // -u: unbuffered, so that each printed line reaches the log at once; -B: no .pyc
                // files, which a one-shot run on a read-only filesystem could not reuse anyway.
                yield List.of(interpreter, "-u", "-B", helpersDir.resolve("python/cronium_main.py").toString(),
                        script.toString());
            }
            case NodeJS -> {
                Path script = write(directory.resolve("script.js"), wrapForTopLevelAwait(source));
                String nodeHelpers = helpersDir.resolve("node").toString();
                String existing = env.get("NODE_PATH");
                // NODE_PATH also lets scripts written for Cronium keep their require("cronium").
                extraEnv.put("NODE_PATH", existing == null || existing.isEmpty() ? nodeHelpers : nodeHelpers + ":" + existing);
                yield List.of(interpreter, "--require", helpersDir.resolve("node/cronium.js").toString(),
                        script.toString());
            }
            case HTTP -> throw new IllegalArgumentException("HTTP runs have no interpreter");
        };
        return new ScriptInvocation(command, extraEnv, directory);
    }

    /**
     * The Node helpers return promises, as Cronium's did, and Cronium scripts {@code await} them at
     * top level, which CommonJS forbids; an async wrapper allows it. The opening stays on the
     * script's first line so that line numbers in stack traces are unchanged; a shebang line,
     * legal only at the very start of a file, becomes a comment.
     */
    private static String wrapForTopLevelAwait(String source) {
        String body = source.startsWith("#!") ? "//" + source : source;
        return "(async () => {" + body + "\n})();\n";
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    void deleteScriptDirectory() {
        try (var files = Files.list(scriptDirectory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(scriptDirectory);
        } catch (IOException e) {
            // Best effort: the scratch directory is an emptyDir that goes with the Pod.
        }
    }
}
