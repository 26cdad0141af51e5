package io.cronium.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The run's view of the namespace's variables: values come from the mounted directory (one file
 * per key, JSON content, as a ConfigMap volume lays them out) and writes stay in memory, so a run
 * sees its own writes at once and the operator applies them from the result.
 */
final class VariableStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,253}");

    private final Path directory;
    private final Map<String, JsonNode> writes = new LinkedHashMap<>();

    VariableStore(Path directory) {
        this.directory = directory;
    }

    /** Keys as a ConfigMap accepts them, so that every written key can be stored by the operator. */
    static Optional<String> keyProblem(String key) {
        if (!KEY.matcher(key).matches()) {
            return Optional.of("invalid variable key \"" + key + "\": use 1-253 characters from A-Z a-z 0-9 _ . -");
        }
        if (key.equals(".") || key.startsWith("..")) {
            return Optional.of("invalid variable key \"" + key + "\": it must not be \".\" or start with \"..\"");
        }
        return Optional.empty();
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
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read variable " + key, e);
        }
        try {
            return Optional.of(Json.MAPPER.readTree(content));
        } catch (JsonProcessingException e) {
            // A hand-edited store may hold plain text; a string is the only sensible reading of it.
            return Optional.of(TextNode.valueOf(content));
        }
    }
}
