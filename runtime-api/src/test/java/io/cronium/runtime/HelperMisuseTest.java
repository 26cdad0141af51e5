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
}
