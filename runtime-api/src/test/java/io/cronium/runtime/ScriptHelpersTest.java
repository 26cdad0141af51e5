package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.contract.ResultLine;
import io.cronium.contract.WireJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each language's helpers end to end: input, output, variables, condition and event context. */
class ScriptHelpersTest {

    @TempDir
    Path tmp;

    @Test
    void bashScriptUsesEveryHelper() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp).variable("counter", "41");
        ObjectNode spec = LauncherHarness.spec("Bash", """
                name=$(cronium_input)
                counter=$(cronium_get_variable counter)
                cronium_set_variable counter "$((counter + 1))"
                echo "counter now $(cronium_get_variable counter)"
                cronium_set_variable greeting '"hi"'
                echo "event $(cronium_event)"
                cronium_output "{\\"greeting\\": \\"Hello $name\\", \\"missing\\": \\"$(cronium_get_variable nope)\\"}"
                cronium_set_condition true
                """);
        spec.put("input", "Ada");

        LauncherHarness.Run run = harness.run(spec);

        assertEquals(0, run.exitCode(), run.stderrText());
        assertTrue(run.stdout().contains("counter now 42"), run.stdoutText());
        assertTrue(run.stdoutText().contains("event {\"name\":\"hello-world\""), run.stdoutText());
        assertEquals("Hello Ada", run.result().at("/output/greeting").asText());
        assertEquals("", run.result().at("/output/missing").asText(), "an unset variable prints nothing");
        assertTrue(run.result().get("condition").booleanValue());
        assertEquals(42, run.result().at("/variables/counter").intValue());
        assertEquals("hi", run.result().at("/variables/greeting").asText());
        assertFalse(run.result().get("timedOut").booleanValue());
    }

    @Test
    void bashHelpersCarryLargeAndNonAsciiValuesIntact() throws Exception {
        String large = "x".repeat(200_000);
        LauncherHarness harness = new LauncherHarness(tmp).variable("large", "\"" + large + "\"");
        ObjectNode spec = LauncherHarness.spec("Bash", """
                large=$(cronium_get_variable large)
                cronium_set_variable copy "\\"$large\\""
                cronium_set_variable name '"Zoë ✓"'
                echo "name=$(cronium_get_variable name) large=${#large}"
                """);

        LauncherHarness.Run run = harness.run(spec);

        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("name=Zoë ✓ large=200000", run.stdout().get(0));
        JsonNode full = WireJson.MAPPER.readTree(run.lastStdoutLine().substring(ResultLine.MARKER.length()));
        assertEquals(large, full.at("/variables/copy").asText());
        assertEquals("Zoë ✓", full.at("/variables/name").asText());
    }

    @Test
    void pythonScriptUsesEveryHelperWithoutImport() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp).variable("counter", "41");
        ObjectNode spec = LauncherHarness.spec("Python", """
                data = cronium.input()
                counter = cronium.get_variable("counter")
                cronium.set_variable("counter", counter + 1)
                cronium.set_variable("seen", {"by": "python"})
                import cronium as imported
                cronium.output({
                    "sum": sum(data["numbers"]),
                    "counter": cronium.get_variable("counter"),
                    "missing": cronium.get_variable("nope"),
                    "event": cronium.event()["name"],
                    "sameModule": imported is cronium,
                    "name": __name__,
                })
                cronium.set_condition(False)
                """);
        spec.putObject("input").putArray("numbers").add(1).add(2).add(3);

        LauncherHarness.Run run = harness.run(spec);

        assertEquals(0, run.exitCode(), run.stderrText());
        JsonNode output = run.result().get("output");
        assertEquals(6, output.get("sum").intValue());
        assertEquals(42, output.get("counter").intValue(), "a run sees its own writes at once");
        assertTrue(output.get("missing").isNull());
        assertEquals("hello-world", output.get("event").asText());
        assertTrue(output.get("sameModule").booleanValue());
        assertEquals("__main__", output.get("name").asText());
        assertFalse(run.result().get("condition").booleanValue());
        assertEquals(42, run.result().at("/variables/counter").intValue());
        assertEquals("python", run.result().at("/variables/seen/by").asText());
    }

    @Test
    void nodeScriptUsesEveryHelperWithTopLevelAwait() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp).variable("counter", "41");
        ObjectNode spec = LauncherHarness.spec("NodeJS", """
                const data = await cronium.input();
                const counter = await cronium.getVariable('counter');
                await cronium.setVariable('counter', counter + 1);
                const event = await cronium.event();
                await cronium.output({
                  sum: data.numbers.reduce((a, b) => a + b, 0),
                  counter: await cronium.getVariable('counter'),
                  missing: await cronium.getVariable('nope'),
                  event: event.name,
                  requireCompatible: require('cronium') === cronium,
                });
                await cronium.setCondition(true);
                """);
        spec.putObject("input").putArray("numbers").add(1).add(2).add(3);

        LauncherHarness.Run run = harness.run(spec);

        assertEquals(0, run.exitCode(), run.stderrText());
        JsonNode output = run.result().get("output");
        assertEquals(6, output.get("sum").intValue());
        assertEquals(42, output.get("counter").intValue());
        assertTrue(output.get("missing").isNull());
        assertEquals("hello-world", output.get("event").asText());
        assertTrue(output.get("requireCompatible").booleanValue());
        assertTrue(run.result().get("condition").booleanValue());
        assertEquals(42, run.result().at("/variables/counter").intValue());
    }

    @Test
    void bashVariableHelpersExistDeleteIncrementAppend() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp).variable("counter", "41").variable("stale", "\"old\"")
                .variable("tags", "[\"a\"]");
        ObjectNode spec = LauncherHarness.spec("Bash", """
                cronium_variable_exists stale && echo "stale exists"
                cronium_variable_exists nope || echo "nope does not exist"
                cronium_delete_variable stale
                cronium_variable_exists stale || echo "stale deleted"
                echo "stale reads '$(cronium_get_variable stale)'"
                echo "counter $(cronium_increment_variable counter) $(cronium_increment_variable counter 10)"
                echo "fresh $(cronium_increment_variable fresh -2)"
                cronium_append_variable tags '{"b": 1}'
                cronium_append_variable new_list '"first"'
                echo "tags $(cronium_get_variable tags) new_list $(cronium_get_variable new_list)"
                """);

        LauncherHarness.Run run = harness.run(spec);

        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals(List.of("stale exists", "nope does not exist", "stale deleted", "stale reads ''", "counter 42 52",
                "fresh -2", "tags [\"a\",{\"b\":1}] new_list [\"first\"]"), run.stdout());
        assertEquals(52, run.result().at("/variables/counter").intValue());
        assertEquals(-2, run.result().at("/variables/fresh").intValue());
        assertEquals("b", run.result().at("/variables/tags/1").fieldNames().next());
        assertEquals("[\"stale\"]", run.result().get("deletedVariables").toString());
        assertFalse(run.result().get("variables").has("stale"));
    }

    @Test
    void bashIncrementsAndAppendsFromParallelProcessesLoseNothing() throws Exception {
        ObjectNode spec = LauncherHarness.spec("Bash", """
                for i in $(seq 1 20); do
                  cronium_increment_variable n >/dev/null &
                  cronium_append_variable items "$i" &
                done
                wait
                cronium_output "{\\"n\\": $(cronium_get_variable n), \\"items\\": $(cronium_get_variable items)}"
                """);

        LauncherHarness.Run run = new LauncherHarness(tmp).run(spec);

        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals(20, run.result().at("/output/n").intValue());
        List<Integer> items = new ArrayList<>();
        run.result().at("/output/items").forEach(item -> items.add(item.intValue()));
        Collections.sort(items);
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), items);
        assertEquals(20, run.result().at("/variables/n").intValue());
    }

    @Test
    void bashEventFieldAndInfo() throws Exception {
        ObjectNode spec = LauncherHarness.spec("Bash", """
                echo "name=$(cronium_event_field name) attempt=$(cronium_event_field attempt)"
                echo "scheduled='$(cronium_event_field scheduledTime)' absent='$(cronium_event_field id)'"
                cronium_info
                """);

        LauncherHarness.Run run = new LauncherHarness(tmp).run(spec);

        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("name=hello-world attempt=1", run.stdout().get(0));
        assertEquals("scheduled='' absent=''", run.stdout().get(1), "null and absent fields print nothing");
        assertEquals("Cronium Bash helpers (runtime-api)", run.stdout().get(2));
        assertTrue(run.stdout().get(3).matches("API URL: http://127\\.0\\.0\\.1:\\d+"), run.stdout().get(3));
        assertEquals(List.of("Execution ID: test-run-1", "Event: default/hello-world",
                "Run: test-run-1 (trigger Manual, attempt 1)"), run.stdout().subList(4, 7));
        assertEquals(7, run.stdout().size(), "the token is not printed: " + run.stdoutText());
    }

    @Test
    void pythonVariableHelpersExistDeleteIncrementAppend() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp).variable("counter", "41").variable("stale", "\"old\"");
        ObjectNode spec = LauncherHarness.spec("Python", """
                import threading
                existed = cronium.variable_exists("stale")
                cronium.delete_variable("stale")
                threads = [threading.Thread(target=lambda i=i: (cronium.increment_variable("n"),
                                                                cronium.append_variable("items", i)))
                           for i in range(20)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                cronium.output({
                    "existed": existed,
                    "exists": cronium.variable_exists("stale"),
                    "counter": cronium.increment_variable("counter", by=9),
                    "n": cronium.get_variable("n"),
                    "items": sorted(cronium.get_variable("items")),
                })
                """);

        assertVariableHelpersWorked(harness.run(spec));
    }

    @Test
    void nodeVariableHelpersExistDeleteIncrementAppend() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp).variable("counter", "41").variable("stale", "\"old\"");
        ObjectNode spec = LauncherHarness.spec("NodeJS", """
                const existed = await cronium.variableExists('stale');
                await cronium.deleteVariable('stale');
                await Promise.all(Array.from({ length: 20 }, (_, i) => Promise.all([
                  cronium.incrementVariable('n'), cronium.appendVariable('items', i)])));
                await cronium.output({
                  existed,
                  exists: await cronium.variableExists('stale'),
                  counter: await cronium.incrementVariable('counter', 9),
                  n: await cronium.getVariable('n'),
                  items: (await cronium.getVariable('items')).sort((a, b) => a - b),
                });
                """);

        assertVariableHelpersWorked(harness.run(spec));
    }

    @Test
    void scalarOutputIsWrappedAndAbsentPartsAreLeftOut() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Python", "cronium.output(42)"));

        assertEquals(42, run.result().at("/output/value").intValue());
        assertFalse(run.result().has("condition"), "condition was never set");
        assertFalse(run.result().has("variables"), "no variable was written");
        assertFalse(run.result().has("deletedVariables"), "no variable was deleted");
        assertTrue(run.result().get("error").isNull());
    }

    @Test
    void resultWithoutOutputCallHasNoOutput() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", "echo Hello World"));

        assertEquals(0, run.exitCode());
        assertEquals("Hello World", run.stdout().get(0));
        assertFalse(run.result().has("output"));
    }

    @Test
    void plainTextVariableFileReadsAsString() throws Exception {
        LauncherHarness harness = new LauncherHarness(tmp).variable("note", "not json");

        LauncherHarness.Run run = harness.run(LauncherHarness.spec("Python", "cronium.output(cronium.get_variable('note'))"));

        assertEquals("not json", run.result().at("/output/value").asText());
    }

    /** What the Python and Node variable scripts leave: exists, delete, 20 increments and appends. */
    private static void assertVariableHelpersWorked(LauncherHarness.Run run) {
        assertEquals(0, run.exitCode(), run.stderrText());
        JsonNode output = run.result().get("output");
        assertTrue(output.get("existed").booleanValue());
        assertFalse(output.get("exists").booleanValue());
        assertEquals(50, output.get("counter").intValue());
        assertEquals(20, output.get("n").intValue());
        assertEquals(20, output.get("items").size());
        assertEquals(19, output.at("/items/19").intValue());
        assertEquals("[\"stale\"]", run.result().get("deletedVariables").toString());
    }
}
