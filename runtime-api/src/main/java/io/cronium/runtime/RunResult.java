package io.cronium.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a run as the contract defines it. Optional parts are absent from the JSON when
 * never set: {@code output} (never called), {@code condition} (never called), {@code variables}
 * (none written), {@code outputChunks} (output not moved to {@link OutputChunks}).
 */
record RunResult(
        int exitCode,
        Optional<JsonNode> output,
        Optional<Boolean> condition,
        Map<String, JsonNode> variables,
        boolean timedOut,
        String error,
        boolean outputTruncated,
        boolean resultInLog,
        int outputChunks) {

    /** Keeps the small part of the result within the termination message under any error text. */
    static final int MAX_ERROR_CHARS = 1000;

    static RunResult of(ExecutionOutcome outcome, RunState state, Map<String, JsonNode> variables) {
        Optional<ResultOutput> output = state.output().map(ResultOutput::of);
        return new RunResult(outcome.exitCode(), output.map(ResultOutput::value), state.condition(), variables,
                outcome.timedOut(), oneLine(outcome.error()), output.map(ResultOutput::truncated).orElse(false), false, 0);
    }

    static RunResult failure(int exitCode, String error) {
        return new RunResult(exitCode, Optional.empty(), Optional.empty(), Map.of(), false, oneLine(error), false, false, 0);
    }

    /** The same result, marked as travelling in the log. */
    RunResult inLog() {
        return new RunResult(exitCode, output, condition, variables, timedOut, error, outputTruncated, true, outputChunks);
    }

    /** The same result with its output moved to that many {@link OutputChunks} lines. */
    RunResult withOutputInChunks(int chunks) {
        return new RunResult(exitCode, Optional.empty(), condition, variables, timedOut, error, outputTruncated, resultInLog, chunks);
    }

    /** What still fits the termination message when the full result went to the log. */
    RunResult withoutOutputAndVariables() {
        return new RunResult(exitCode, Optional.empty(), condition, Map.of(), timedOut, error, outputTruncated, resultInLog, outputChunks);
    }

    byte[] toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("exitCode", exitCode);
        output.ifPresent(value -> json.set("output", value));
        condition.ifPresent(value -> json.put("condition", value));
        if (!variables.isEmpty()) {
            json.putObject("variables").setAll(variables);
        }
        json.put("timedOut", timedOut);
        json.put("error", error);
        json.put("outputTruncated", outputTruncated);
        json.put("resultInLog", resultInLog);
        if (outputChunks > 0) {
            json.put("outputChunks", outputChunks);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static String oneLine(String error) {
        if (error == null) {
            return null;
        }
        String line = error.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS - 3) + "...";
    }
}
