package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run spec as it travels in {@code CRONIUM_RUN_SPEC}, pinned by the golden files. */
class RunSpecGoldenTest {

    static final RunSpec SCRIPT_RUN = new RunSpec(
            "hello-world-manual-x7k2p", RunType.Bash, "echo Hello World", null,
            JsonNodeFactory.instance.objectNode().put("any", "json"),
            new EventContext("hello-world", "default", "hello-world-manual-x7k2p", "Manual", 1, null).toJson(),
            300, List.of(new ToolGrant("ops-slack", "slack")), false);

    static final RunSpec HTTP_RUN = new RunSpec(
            "hook-x7k2p-attempt-2", RunType.HTTP, null,
            new HttpSpec("POST", "https://example.org/hook",
                    List.of(HttpSpec.Header.literal("Content-Type", "application/json"),
                            HttpSpec.Header.fromEnv("Authorization", RuntimeEnv.httpHeader(1))),
                    "{\"a\":1}", 30, List.of(200, 201)),
            NullNode.getInstance(),
            new EventContext("hook", "team-a", "hook-x7k2p", "Schedule", 2, "2026-11-28T10:00:00Z").toJson(),
            3600);

    @Test
    void aScriptRunIsWrittenByteForByte() {
        assertEquals(Golden.text("run-spec-bash.json"), SCRIPT_RUN.toJson());
    }

    @Test
    void anHttpRunIsWrittenByteForByte() {
        assertEquals(Golden.text("run-spec-http.json"), HTTP_RUN.toJson());
    }

    @Test
    void aScriptRunReadsBackAsWritten() throws Exception {
        assertEquals(SCRIPT_RUN, RunSpecParser.parse(Golden.text("run-spec-bash.json")));
    }

    @Test
    void anHttpRunReadsBackAsWritten() throws Exception {
        assertEquals(HTTP_RUN, RunSpecParser.parse(Golden.text("run-spec-http.json")));
    }
}
