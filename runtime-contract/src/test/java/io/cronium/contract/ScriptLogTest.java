package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScriptLogTest {

    @Test
    void leavesOutChunkAndResultLinesEvenWhenSplit() {
        RunResult result = new RunResult(0, Optional.of(JsonNodeFactory.instance.textNode("x".repeat(5000))),
                Optional.empty(), Map.of(), Set.of(), false, null, false, false, 0);
        String runtimeLines = String.join("\n", ResultReport.of(result).logLines()).replaceAll("(.{1000})", "$1\n");

        assertEquals("one\ntwo\n", ScriptLog.of("one\ntwo\n" + runtimeLines + "\n"));
    }

    @Test
    void aLogWithoutRuntimeLinesIsAllTheScripts() {
        assertEquals("one\n", ScriptLog.of("one\n"));
    }
}
