package io.cronium.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The result of a run as runtime-api reports it. Optional parts are absent from the JSON when
 * never set: {@code output} (never called), {@code condition} (never called), {@code variables}
 * (none written), {@code deletedVariables} (none deleted), {@code outputChunks} (output not moved
 * to {@link OutputChunks}), {@code sends} (the script sent nothing through a tool). A key is in
 * at most one of {@code variables} and {@code deletedVariables}: whichever the run did last.
 * {@link ResultReport} decides where it travels, {@link ReceivedResult} reads it back.
 */
public record RunResult(
        int exitCode,
        Optional<JsonNode> output,
        Optional<Boolean> condition,
        Map<String, JsonNode> variables,
        Set<String> deletedVariables,
        boolean timedOut,
        String error,
        boolean outputTruncated,
        boolean resultInLog,
        int outputChunks,
        List<ToolSendRecord> sends) {

    /** What the kubelet keeps of a termination message. */
    public static final int TERMINATION_MESSAGE_LIMIT = 4096;
    /** The most output JSON a result carries; runtime-api cuts a larger output to fit. */
    public static final int MAX_OUTPUT_BYTES = 1024 * 1024;

    /** The most sends one run may make: each is in the JobRun's status, whose size is bounded. */
    public static final int MAX_SENDS = 50;

    public RunResult {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        deletedVariables = Collections.unmodifiableSet(new LinkedHashSet<>(deletedVariables));
        sends = List.copyOf(sends);
    }

    /** A result of a run that sent nothing through a tool. */
    public RunResult(int exitCode, Optional<JsonNode> output, Optional<Boolean> condition, Map<String, JsonNode> variables,
            Set<String> deletedVariables, boolean timedOut, String error, boolean outputTruncated, boolean resultInLog,
            int outputChunks) {
        this(exitCode, output, condition, variables, deletedVariables, timedOut, error, outputTruncated, resultInLog,
                outputChunks, List.of());
    }

    /**
     * Reads a result's JSON. Anything that is not such a result (empty, a kubelet fallback to the
     * log, a crash text, fields of the wrong type) yields empty; unknown fields are ignored so
     * that a newer runtime-api can add some.
     */
    public static Optional<RunResult> parse(String text) {
        if (text == null || !text.strip().startsWith("{")) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = WireJson.MAPPER.readTree(text.strip());
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        if (!isWholeNumber(root.get("exitCode"))
                || !isNullOr(root.get("condition"), JsonNode::isBoolean)
                || !isNullOr(root.get("variables"), JsonNode::isObject)
                || !isNullOr(root.get("deletedVariables"), RunResult::isArrayOfStrings)
                || !isNullOr(root.get("timedOut"), JsonNode::isBoolean)
                || !isNullOr(root.get("error"), JsonNode::isTextual)
                || !isNullOr(root.get("outputTruncated"), JsonNode::isBoolean)
                || !isNullOr(root.get("resultInLog"), JsonNode::isBoolean)
                || !isNullOr(root.get("outputChunks"), RunResult::isWholeNumber)
                || !isNullOr(root.get("sends"), JsonNode::isArray)) {
            return Optional.empty();
        }
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        root.path("variables").properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue()));
        Set<String> deletedVariables = new LinkedHashSet<>();
        root.path("deletedVariables").forEach(key -> deletedVariables.add(key.textValue()));
        List<ToolSendRecord> sends = new ArrayList<>();
        root.path("sends").forEach(send -> ToolSendRecord.parse(send).ifPresent(sends::add));
        return Optional.of(new RunResult(
                root.get("exitCode").intValue(),
                Optional.ofNullable(root.get("output")).filter(output -> !output.isNull()),
                Optional.ofNullable(root.get("condition")).filter(JsonNode::isBoolean).map(JsonNode::booleanValue),
                variables,
                deletedVariables,
                root.path("timedOut").booleanValue(),
                root.path("error").textValue(),
                root.path("outputTruncated").booleanValue(),
                root.path("resultInLog").booleanValue(),
                root.path("outputChunks").intValue(),
                sends));
    }

    /** The fields in the order of docs/runtime-contract.md, absent parts left out. */
    public byte[] toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("exitCode", exitCode);
        output.ifPresent(value -> json.set("output", value));
        condition.ifPresent(value -> json.put("condition", value));
        if (!variables.isEmpty()) {
            json.putObject("variables").setAll(variables);
        }
        if (!deletedVariables.isEmpty()) {
            ArrayNode deleted = json.putArray("deletedVariables");
            deletedVariables.forEach(deleted::add);
        }
        json.put("timedOut", timedOut);
        json.put("error", error);
        json.put("outputTruncated", outputTruncated);
        json.put("resultInLog", resultInLog);
        if (outputChunks > 0) {
            json.put("outputChunks", outputChunks);
        }
        if (!sends.isEmpty()) {
            ArrayNode array = json.putArray("sends");
            sends.forEach(send -> array.add(send.toJson()));
        }
        return WireJson.bytes(json);
    }

    /** The same result, marked as travelling in the log. */
    public RunResult inLog() {
        return new RunResult(exitCode, output, condition, variables, deletedVariables, timedOut, error, outputTruncated, true, outputChunks, sends);
    }

    /** The same result with its output moved to that many {@link OutputChunks} lines. */
    public RunResult withOutputInChunks(int chunks) {
        return new RunResult(exitCode, Optional.empty(), condition, variables, deletedVariables, timedOut, error, outputTruncated, resultInLog, chunks, sends);
    }

    /** The same result with its output put back from the {@link OutputChunks} lines. */
    public RunResult withOutput(JsonNode value) {
        return new RunResult(exitCode, Optional.of(value), condition, variables, deletedVariables, timedOut, error, outputTruncated, resultInLog, outputChunks, sends);
    }

    /**
     * What still fits the termination message when the full result went to the log: neither
     * output nor variable writes and deletions, so that a message read without its log never
     * applies half of the run's variable changes; nor sends, which would not fit with it.
     */
    public RunResult withoutOutputAndVariables() {
        return new RunResult(exitCode, Optional.empty(), condition, Map.of(), Set.of(), timedOut, error, outputTruncated, resultInLog, outputChunks, List.of());
    }

    private static boolean isNullOr(JsonNode node, Predicate<JsonNode> kind) {
        return node == null || node.isNull() || kind.test(node);
    }

    private static boolean isArrayOfStrings(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWholeNumber(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt();
    }
}
