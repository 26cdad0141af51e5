package io.cronium.runtime;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a program on a {@code PATH}. The launcher resolves interpreters itself because the JDK
 * searches the launcher's own PATH, not the one given to the child.
 */
final class ExecutableLocator {

    private ExecutableLocator() {
    }

    static Optional<Path> find(String program, String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
