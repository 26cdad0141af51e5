package io.cronium.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One message the script sent, or tried to, through a tool, as runtime-api reports it in
 * {@link RunResult#sends()}. Nothing in it is a credential: {@code message} names the tool Secret
 * only, and {@code target} is a recipient or channel the script named, or the tool's host.
 *
 * @param reason null when sent
 */
public record ToolSendRecord(String tool, String type, String target, boolean sent, String reason, String message) {

    JsonNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("tool", tool);
        json.put("type", type);
        json.put("target", target);
        json.put("sent", sent);
        json.put("reason", reason);
        json.put("message", message);
        return json;
    }

    /** Empty for anything that is not such a record, so that a bad entry cannot fail the whole result. */
    static Optional<ToolSendRecord> parse(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("tool").isTextual() || !json.path("sent").isBoolean()) {
            return Optional.empty();
        }
        return Optional.of(new ToolSendRecord(json.get("tool").textValue(), json.path("type").textValue(),
                json.path("target").textValue(), json.get("sent").booleanValue(), json.path("reason").textValue(),
                json.path("message").textValue()));
    }
}
