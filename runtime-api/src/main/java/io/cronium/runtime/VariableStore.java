package io.cronium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.cronium.contract.VariableStoreFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The run's view of the namespace's variables: values come from the mounted directory (one file
 * per key, JSON content, as a ConfigMap volume lays them out) and writes stay in memory, so a run
 * sees its own writes at once and the operator applies them from the result.
 */
final class VariableStore {

    private final Path directory;
    private final Map<String, JsonNode> writes = new LinkedHashMap<>();

    VariableStore(Path directory) {
        this.directory = directory;
    }

    /** The value, or empty when the variable is not set. */
    synchronized Optional<JsonNode> get(String key) {
        JsonNode written = writes.get(key);
        return written != null ? Optional.of(written) : readMounted(key);
    }

    synchronized void set(String key, JsonNode value) {
        writes.put(key, value);
    }

    synchronized Map<String, JsonNode> writes() {
        return new LinkedHashMap<>(writes);
    }

    private Optional<JsonNode> readMounted(String key) {
        Path file = directory.resolve(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(VariableStoreFormat.value(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read variable " + key, e);
        }
    }
}
