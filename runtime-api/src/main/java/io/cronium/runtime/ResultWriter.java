package io.cronium.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Hands the result to the operator: the termination message when the JSON fits its 4096 bytes;
 * otherwise a reduced message there plus the full result as the last stdout line, which the
 * operator reads back through {@code pods/log}.
 */
final class ResultWriter {

    static final int TERMINATION_MESSAGE_LIMIT = 4096;
    static final String LOG_MARKER = "::cronium-result::";

    private final Path terminationMessagePath;
    private final PrintStream out;
    private final PrintStream err;

    ResultWriter(Path terminationMessagePath, PrintStream out, PrintStream err) {
        this.terminationMessagePath = terminationMessagePath;
        this.out = out;
        this.err = err;
    }

    /** Must run after all script output has been forwarded: the marker line has to come last. */
    void write(RunResult result) {
        byte[] full = result.toJson();
        if (full.length <= TERMINATION_MESSAGE_LIMIT) {
            if (!writeTerminationMessage(full)) {
                printToLog(result.inLog());
            }
            return;
        }
        RunResult inLog = result.inLog();
        printToLog(inLog);
        writeTerminationMessage(inLog.withoutOutputAndVariables().toJson());
    }

    private void printToLog(RunResult result) {
        Console.raw(out, LOG_MARKER + new String(result.toJson(), StandardCharsets.UTF_8));
    }

    private boolean writeTerminationMessage(byte[] json) {
        try {
            Files.write(terminationMessagePath, json, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Outside Kubernetes the path may be missing or read-only; the log still carries the result.
            Console.line(err, "cannot write the result to " + terminationMessagePath + " (" + e.getClass().getSimpleName() + "); it follows in the log");
            return false;
        }
    }
}
