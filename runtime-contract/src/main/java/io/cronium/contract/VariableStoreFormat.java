package io.cronium.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a namespace's variables are stored: one entry per key whose text is the value's JSON, in a
 * ConfigMap the operator writes from each result's {@code variables} and job Pods see as a
 * directory of files ({@link RuntimeEnv#VARIABLES_DIR}).
 */
public final class VariableStoreFormat {

    /** Keys as a ConfigMap accepts them, so that every key a run writes can be stored. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,253}");

    private VariableStoreFormat() {
    }

    /** Why {@code key} cannot name a variable, or empty when it can. */
    public static Optional<String> keyProblem(String key) {
        if (!KEY.matcher(key).matches()) {
            return Optional.of("invalid variable key \"" + key + "\": use 1-253 characters from A-Z a-z 0-9 _ . -");
        }
        if (key.equals(".") || key.startsWith("..")) {
            return Optional.of("invalid variable key \"" + key + "\": it must not be \".\" or start with \"..\"");
        }
        return Optional.empty();
    }

    /**
     * A result's variable writes as the store's entries.
     *
     * @throws IllegalArgumentException with the {@link #keyProblem} of the first key that cannot
     *     be stored
     */
    public static Map<String, String> entries(Map<String, JsonNode> writes) {
        Map<String, String> entries = new LinkedHashMap<>();
        writes.forEach((key, value) -> entries.put(storableKey(key), WireJson.text(value)));
        return Collections.unmodifiableMap(entries);
    }

    /**
     * {@code key}, checked like a written key: a result that deletes a key no run could have
     * written is as malformed as one that writes it.
     *
     * @throws IllegalArgumentException with its {@link #keyProblem}
     */
    public static String storableKey(String key) {
        keyProblem(key).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return key;
    }

    /** A stored entry's value; text that is not JSON (a hand edit) can only mean a string. */
    public static JsonNode value(String stored) {
        try {
            return WireJson.MAPPER.readTree(stored);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(stored);
        }
    }
}
