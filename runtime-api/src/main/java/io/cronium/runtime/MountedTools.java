package io.cronium.runtime;

import io.cronium.tools.ToolSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The tool Secrets the kubelet mounted for the run: one directory per Secret, one file per field. */
final class MountedTools {

    private MountedTools() {
    }

    /** The Secret's fields; empty when it is not mounted (the operator mounts them optional). */
    static Map<String, String> fields(Path toolsDir, String name) {
        Map<String, String> fields = new HashMap<>();
        Path dir = toolsDir.resolve(name);
        if (!Files.isDirectory(dir)) {
            return fields;
        }
        // The kubelet's own entries (..data, ..2026_...) start with two dots; the fields link into them.
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(path -> !path.getFileName().toString().startsWith("..")).toList()) {
                if (Files.isRegularFile(entry)) {
                    text(entry).ifPresent(text -> fields.put(entry.getFileName().toString(), text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tool Secret \"" + name + "\" under " + toolsDir, e);
        }
        return fields;
    }

    /** A field's text; empty for a field that is not UTF-8 text (a key store), which no tool setting is. */
    private static Optional<String> text(Path field) throws IOException {
        try {
            return Optional.of(Files.readString(field, StandardCharsets.UTF_8));
        } catch (CharacterCodingException binary) {
            return Optional.empty();
        }
    }

    /** The values of every mounted tool's {@link ToolSecrets#CREDENTIAL_FIELDS credential fields}, for masking. */
    static List<String> credentials(Path toolsDir) {
        List<String> values = new ArrayList<>();
        if (!Files.isDirectory(toolsDir)) {
            return values;
        }
        try (Stream<Path> tools = Files.list(toolsDir)) {
            for (Path tool : tools.filter(Files::isDirectory).toList()) {
                fields(toolsDir, tool.getFileName().toString()).forEach((field, value) -> {
                    if (ToolSecrets.CREDENTIAL_FIELDS.contains(field)) {
                        values.add(value);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the tool Secrets under " + toolsDir, e);
        }
        return values;
    }
}
