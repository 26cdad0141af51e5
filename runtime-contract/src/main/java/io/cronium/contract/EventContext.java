package io.cronium.contract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a script learns about its run through {@code cronium_event}: the run spec's
 * {@code event} object.
 *
 * @param trigger why the run exists: {@code Manual}, {@code Schedule} or {@code Action}
 * @param attempt 1 for the first attempt, higher for retries
 * @param scheduledTime the schedule slot (RFC 3339) of a scheduled run, else null
 */
public record EventContext(
        String name,
        String namespace,
        String runName,
        String trigger,
        int attempt,
        String scheduledTime) {

    public ObjectNode toJson() {
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.put("name", name);
        context.put("namespace", namespace);
        context.put("runName", runName);
        context.put("trigger", trigger);
        context.put("attempt", attempt);
        context.put("scheduledTime", scheduledTime);
        return context;
    }
}
