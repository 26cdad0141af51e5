package io.cronium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** What the script reported through the helper API: output and condition (the last call wins). */
final class RunState {

    private volatile JsonNode output;
    private volatile Boolean condition;

    void setOutput(JsonNode value) {
        output = value;
    }

    Optional<JsonNode> output() {
        return Optional.ofNullable(output);
    }

    void setCondition(boolean value) {
        condition = value;
    }

    Optional<Boolean> condition() {
        return Optional.ofNullable(condition);
    }
}
