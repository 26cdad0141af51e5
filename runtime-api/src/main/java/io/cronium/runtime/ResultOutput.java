package io.cronium.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code output} of a result: scalars are wrapped as {@code {"value": …}}, and an output whose
 * JSON exceeds 1 MiB is replaced by the head of that JSON text (a cut JSON document is no longer
 * JSON, so the head travels as a string) and flagged as truncated.
 */
record ResultOutput(JsonNode value, boolean truncated) {

    static final int MAX_BYTES = 1024 * 1024;

    static ResultOutput of(JsonNode raw) {
        JsonNode wrapped = raw.isContainerNode() ? raw : wrap(raw);
        byte[] json = toBytes(wrapped);
        if (json.length <= MAX_BYTES) {
            return new ResultOutput(wrapped, false);
        }
        String head = Utf8.head(json, MAX_BYTES);
        return new ResultOutput(wrap(JsonNodeFactory.instance.textNode(head)), true);
    }

    private static ObjectNode wrap(JsonNode scalar) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("value", scalar);
        return node;
    }

    private static byte[] toBytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
