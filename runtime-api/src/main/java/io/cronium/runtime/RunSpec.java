package io.cronium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * One run as the operator describes it in {@code CRONIUM_RUN_SPEC}.
 *
 * @param script the source for script types, null for {@link RunType#HTTP}
 * @param http the request for {@link RunType#HTTP}, null otherwise
 * @param input any JSON value ({@code NullNode} when absent)
 * @param event the event context handed to the script ({@code NullNode} when absent)
 * @param timeout empty when the run has no time limit
 */
record RunSpec(
        String executionId,
        RunType type,
        String script,
        HttpSpec http,
        JsonNode input,
        JsonNode event,
        Optional<Duration> timeout) {
}
