package io.cronium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.contract.RunResult;
import io.cronium.contract.WireJson;

/**
 * The {@code output} of a result: scalars are wrapped as {@code {"value": …}}, and an output whose
 * JSON exceeds 1 MiB is replaced by {@code {"value": "<head of that JSON text>"}} (a cut JSON
 * document is no longer JSON, so the head travels as a string), itself within 1 MiB, and flagged
 * as truncated.
 */
record ResultOutput(JsonNode value, boolean truncated) {

    static ResultOutput of(JsonNode raw) {
        JsonNode wrapped = raw.isContainerNode() ? raw : wrap(raw);
        byte[] json = WireJson.bytes(wrapped);
        if (json.length <= RunResult.MAX_OUTPUT_BYTES) {
            return new ResultOutput(wrapped, false);
        }
        return new ResultOutput(truncatedHead(json), true);
    }

    /**
     * {@code {"value": "<head>"}} with the longest head whose encoding fits
     * {@link RunResult#MAX_OUTPUT_BYTES}.
     * Quoting adds escapes (up to 6 bytes per byte of head), so the head is found by bisection.
     */
    private static ObjectNode truncatedHead(byte[] json) {
        int fits = 0;
        int tooLong = RunResult.MAX_OUTPUT_BYTES + 1;
        while (tooLong - fits > 1) {
            int headBytes = (fits + tooLong) >>> 1;
            if (WireJson.bytes(headOf(json, headBytes)).length <= RunResult.MAX_OUTPUT_BYTES) {
                fits = headBytes;
            } else {
                tooLong = headBytes;
            }
        }
        return headOf(json, fits);
    }

    private static ObjectNode headOf(byte[] json, int headBytes) {
        return wrap(JsonNodeFactory.instance.textNode(Utf8.head(json, headBytes)));
    }

    private static ObjectNode wrap(JsonNode scalar) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("value", scalar);
        return node;
    }
}
