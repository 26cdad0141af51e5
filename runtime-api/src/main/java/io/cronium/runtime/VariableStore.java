package io.cronium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import io.cronium.contract.VariableStoreFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run's view of the namespace's variables: values come from the mounted directory (one file
 * per key, JSON content, as a ConfigMap volume lays them out) and changes stay in memory, so a
 * run sees its own changes at once and the operator applies them from the result.
 *
 * <p>Every method is synchronized, so that an increment or append is atomic against every other
 * call of the run (scripts may call helpers from parallel processes). Across runs there is no
 * such guarantee: each run starts from the store as mounted, and the later save wins.
 */
final class VariableStore {

    private final Path directory;
    private final Map<String, JsonNode> writes = new LinkedHashMap<>();
    /** Keys deleted by the run; a key is never in both this set and {@link #writes}. */
    private final Set<String> deletions = new LinkedHashSet<>();

    VariableStore(Path directory) {
        this.directory = directory;
    }

    /** The value, or empty when the variable is not set. */
    synchronized Optional<JsonNode> get(String key) {
        if (deletions.contains(key)) {
            return Optional.empty();
        }
        JsonNode written = writes.get(key);
        return written != null ? Optional.of(written) : readMounted(key);
    }

    /** Whether the variable holds a value; null counts as none, since it reads like an unset one. */
    synchronized boolean exists(String key) {
        return get(key).filter(value -> !value.isNull()).isPresent();
    }

    synchronized void set(String key, JsonNode value) {
        deletions.remove(key);
        writes.put(key, value);
    }

    synchronized void delete(String key) {
        writes.remove(key);
        deletions.add(key);
    }

    /**
     * Adds {@code step} to an integer variable, unset or null counting as 0.
     *
     * @return the new value
     * @throws WrongTypeException when the variable holds anything but an integer, or the sum
     *     leaves the 64-bit range
     */
    synchronized long increment(String key, long step) throws WrongTypeException {
        JsonNode current = valueOrNull(key);
        if (!current.isNull() && !current.isIntegralNumber()) {
            throw new WrongTypeException("variable \"" + key + "\" holds " + kind(current)
                    + ", not an integer, so it cannot be incremented");
        }
        if (!current.isNull() && !current.canConvertToLong()) {
            throw new WrongTypeException("variable \"" + key + "\" is beyond the 64-bit integer range, so it cannot be incremented");
        }
        long base = current.isNull() ? 0 : current.longValue();
        long next;
        try {
            next = Math.addExact(base, step);
        } catch (ArithmeticException overflow) {
            throw new WrongTypeException("incrementing variable \"" + key + "\" would leave the 64-bit integer range");
        }
        set(key, LongNode.valueOf(next));
        return next;
    }

    /**
     * Adds {@code element} at the end of an array variable; unset or null starts a new array.
     *
     * @throws WrongTypeException when the variable holds anything but an array
     */
    synchronized void append(String key, JsonNode element) throws WrongTypeException {
        JsonNode current = valueOrNull(key);
        if (!current.isNull() && !current.isArray()) {
            throw new WrongTypeException("variable \"" + key + "\" holds " + kind(current)
                    + ", not an array, so it cannot be appended to");
        }
        // A copy: the stored value may be being written out to a reader at this moment.
        ArrayNode next = current.isArray() ? ((ArrayNode) current).deepCopy() : JsonNodeFactory.instance.arrayNode();
        next.add(element);
        set(key, next);
    }

    synchronized Map<String, JsonNode> writes() {
        return new LinkedHashMap<>(writes);
    }

    synchronized Set<String> deletions() {
        return new LinkedHashSet<>(deletions);
    }

    private JsonNode valueOrNull(String key) {
        return get(key).orElse(JsonNodeFactory.instance.nullNode());
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NUMBER -> value.isIntegralNumber() ? "an integer" : "a decimal number";
            default -> "a " + value.getNodeType().name().toLowerCase();
        };
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

    /** An increment or append the variable's current value does not allow; the message says why. */
    static final class WrongTypeException extends Exception {

        WrongTypeException(String message) {
            super(message, null, false, false);
        }
    }
}
