package io.cronium.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool Secret the Event lists in {@code spec.tools}: the Pod has its fields as files under
 * {@link RuntimeEnv#TOOLS_DIR}{@code /<name>/}, and the operator copies its type label here, as a
 * mounted Secret carries no labels.
 *
 * @param type the Secret's {@code cronium.io/tool-type} label when the Pod was created; null when
 *     it had none or did not exist
 */
public record ToolGrant(String name, String type) {

    JsonNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("type", type);
        return json;
    }
}
