package io.cronium.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One run as the operator describes it in {@link RuntimeEnv#RUN_SPEC}: written with
 * {@link #toJson()}, read back with {@link RunSpecParser}.
 *
 * @param script the source for script types, null for {@link RunType#HTTP}
 * @param http the request for {@link RunType#HTTP}, null otherwise
 * @param input any JSON value ({@code NullNode} when absent)
 * @param event the context the script reads with {@code cronium_event}: what {@link EventContext}
 *     writes, passed to the script as it arrived (an empty object when absent)
 * @param timeoutSeconds null or 0 when the run has no time limit
 * @param tools the tool Secrets the Event lists, which the script may send through
 * @param allowPrivateTargets whether sends may reach private addresses (the operator's
 *     {@code cronium.actions.allow-private-targets}, the same guard as its notify actions)
 */
public record RunSpec(
        String executionId,
        RunType type,
        String script,
        HttpSpec http,
        JsonNode input,
        JsonNode event,
        Integer timeoutSeconds,
        List<ToolGrant> tools,
        boolean allowPrivateTargets) {

    public RunSpec {
        input = input == null ? NullNode.getInstance() : input;
        event = event == null || event.isNull() ? JsonNodeFactory.instance.objectNode() : event;
        tools = List.copyOf(tools);
    }

    /** A run whose script may send through no tool. */
    public RunSpec(String executionId, RunType type, String script, HttpSpec http, JsonNode input, JsonNode event,
            Integer timeoutSeconds) {
        this(executionId, type, script, http, input, event, timeoutSeconds, List.of(), false);
    }

    public Optional<Duration> timeout() {
        return seconds(timeoutSeconds);
    }

    /** Every field, null ones too, in the order of docs/runtime-contract.md. */
    public String toJson() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("executionId", executionId);
        doc.put("type", type.name());
        doc.put("script", script);
        doc.set("http", http == null ? NullNode.getInstance() : http.toJson());
        doc.set("input", input);
        doc.set("event", event);
        doc.put("timeoutSeconds", timeoutSeconds);
        ArrayNode granted = doc.putArray("tools");
        tools.forEach(tool -> granted.add(tool.toJson()));
        doc.put("allowPrivateTargets", allowPrivateTargets);
        return WireJson.text(doc);
    }

    static Optional<Duration> seconds(Integer seconds) {
        return seconds == null || seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }
}
