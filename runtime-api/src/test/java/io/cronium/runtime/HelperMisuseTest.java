package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong helper call ends the script with one clear line, not a stack trace. */
class HelperMisuseTest {

    @TempDir
    Path tmp;

    @Test
    void bashOutputWithInvalidJsonStopsTheScript() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", """
                cronium_output hello
                echo "not reached"
                """));

        assertEquals(1, run.exitCode());
        assertEquals(
                "cronium: cronium_output: output is not valid JSON: hello (a string needs JSON quotes, e.g. '\"text\"')",
                run.stderrText());
        assertFalse(run.stdout().contains("not reached"));
        assertFalse(run.result().has("output"));
    }

    @Test
    void bashConditionMustBeTrueOrFalse() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", "cronium_set_condition yes"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: usage: cronium_set_condition true|false (got \"yes\")", run.stderrText());
        assertFalse(run.result().has("condition"));
    }

    @Test
    void bashRejectsAnInvalidKey() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", "cronium_set_variable 'a b' 1"));

        assertEquals(1, run.exitCode());
        assertTrue(run.stderrText().startsWith("cronium: cronium_set_variable: invalid variable key \"a b\""), run.stderrText());
    }

    @Test
    void bashIncrementOfANonIntegerVariableStopsTheScript() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).variable("name", "\"Ada\"").run(LauncherHarness.spec("Bash", """
                cronium_increment_variable name
                echo "not reached"
                """));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: cronium_increment_variable: variable \"name\" holds a string, not an integer, so it cannot be"
                + " incremented", run.stderrText());
        assertFalse(run.stdout().contains("not reached"));
        assertFalse(run.result().has("variables"));
    }

    @Test
    void bashIncrementStepMustBeAnInteger() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", "cronium_increment_variable n 1.5"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: usage: cronium_increment_variable KEY [BY] (BY must be an integer, got \"1.5\")",
                run.stderrText());
    }

    @Test
    void bashAppendToANonArrayStopsTheScript() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).variable("config", "{\"a\": 1}")
                .run(LauncherHarness.spec("Bash", "cronium_append_variable config 2"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: cronium_append_variable: variable \"config\" holds an object, not an array, so it cannot be"
                + " appended to", run.stderrText());
    }

    @Test
    void bashAppendTakesOneJsonValue() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", "cronium_append_variable log line"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: cronium_append_variable: appended value is not valid JSON: line (a string needs JSON quotes,"
                + " e.g. '\"text\"')", run.stderrText());
    }

    @Test
    void bashExistsFailureStopsTheScriptInsteadOfAnsweringNo() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", """
                CRONIUM_EXECUTION_TOKEN=wrong
                cronium_variable_exists k || echo "answered no"
                """));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: cronium_variable_exists: missing or wrong bearer token", run.stderrText());
        assertFalse(run.stdout().contains("answered no"));
    }

    @Test
    void bashHelpersCheckTheirArguments() throws Exception {
        assertEquals("cronium: usage: cronium_delete_variable KEY", bashError("cronium_delete_variable"));
        assertEquals("cronium: usage: cronium_variable_exists KEY", bashError("cronium_variable_exists a b"));
        assertTrue(bashError("cronium_delete_variable 'a b'").startsWith(
                "cronium: cronium_delete_variable: invalid variable key \"a b\""));
        assertEquals("cronium: cronium_event_field: invalid field name \"a/b\": use letters, digits and _",
                bashError("cronium_event_field a/b"));
        assertEquals("cronium: usage: cronium_info", bashError("cronium_info now"));
    }

    @Test
    void pythonIncrementStepMustBeAnInteger() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Python", "cronium.increment_variable('n', by=0.5)"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: increment_variable expects an integer step, not 0.5 (float) (line 1)", run.stderrText());
    }

    @Test
    void pythonAppendToANonArrayRaisesWithTheServersMessage() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).variable("n", "3")
                .run(LauncherHarness.spec("Python", "cronium.append_variable('n', 4)"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: append_variable: variable \"n\" holds an integer, not an array, so it cannot be appended to"
                + " (line 1)", run.stderrText());
    }

    @Test
    void nodeIncrementStepMustBeAnInteger() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("NodeJS", "await cronium.incrementVariable('n', '2');"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: incrementVariable expects an integer step, not \"2\" (string) (line 1)", run.stderrText());
    }

    @Test
    void nodeIncrementOfANonIntegerVariableRejects() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).variable("ratio", "0.5")
                .run(LauncherHarness.spec("NodeJS", "await cronium.incrementVariable('ratio');"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: incrementVariable: variable \"ratio\" holds a decimal number, not an integer, so it cannot"
                + " be incremented (line 1)", run.stderrText());
    }

    @Test
    void pythonConditionMustBeBoolean() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Python", """
                x = 1
                cronium.set_condition("yes")
                """));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: set_condition expects True or False, not 'yes' (str) (line 2)", run.stderrText());
    }

    @Test
    void pythonOutputMustBeJsonSerializable() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Python", "cronium.output({1, 2})"));

        assertEquals(1, run.exitCode());
        assertTrue(run.stderrText().startsWith("cronium: output: the value is not JSON-serializable"), run.stderrText());
        assertFalse(run.stderrText().contains("Traceback"));
    }

    @Test
    void pythonRejectsAnInvalidKeyWithTheServersMessage() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Python", "cronium.set_variable('..', 1)"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: set_variable: invalid variable key \"..\": it must not be \".\" or start with \"..\" (line 1)",
                run.stderrText());
    }

    @Test
    void nodeConditionMustBeBoolean() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("NodeJS", """
                const x = 1;
                await cronium.setCondition('yes');
                """));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: setCondition expects true or false, not \"yes\" (string) (line 2)", run.stderrText());
    }

    @Test
    void nodeOutputMustBeJsonSerializable() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("NodeJS", "await cronium.output();"));

        assertEquals(1, run.exitCode());
        assertEquals("cronium: output: the value is not JSON-serializable: undefined (line 1)", run.stderrText());
    }

    @Test
    void ordinaryScriptErrorsKeepTheirOwnReport() throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Python", """
                def fail():
                    raise ValueError("boom")
                fail()
                """));

        assertEquals(1, run.exitCode());
        assertTrue(run.stderrText().startsWith("Traceback (most recent call last):"), run.stderrText());
        assertTrue(run.stderrText().endsWith("ValueError: boom"), run.stderrText());
        assertFalse(run.stderrText().contains("runpy"), "the launcher's own frames are left out");
    }

    /** The one-line message of a Bash script that a wrong helper call stopped. */
    private String bashError(String script) throws Exception {
        LauncherHarness.Run run = new LauncherHarness(tmp).run(LauncherHarness.spec("Bash", script + "\necho not reached"));
        assertEquals(1, run.exitCode(), script);
        assertFalse(run.stdout().contains("not reached"), script);
        return run.stderrText();
    }
}
