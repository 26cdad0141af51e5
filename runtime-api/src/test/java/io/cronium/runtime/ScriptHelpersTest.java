package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.contract.ResultLine;
import io.cronium.contract.WireJson;
import java.nio.file.Path;
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
    void scalarOutputIsWrappedAndAbsentPartsAreLeftOut() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Python", "cronium.output(42)"));

        assertEquals(42, run.result().at("/output/value").intValue());
        assertFalse(run.result().has("condition"), "condition was never set");
        assertFalse(run.result().has("variables"), "no variable was written");
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
}
