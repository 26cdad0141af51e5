package io.cronium.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Hands the result to the operator: the termination message when the JSON fits its 4096 bytes;
 * otherwise a reduced message there, the output as {@link OutputChunks} lines and the rest of the
 * result as the last stdout line, which the operator reads back through {@code pods/log} (no API
 * credentials needed in the Pod).
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

    /** Must run after all script output has been forwarded: the chunk and result lines have to come last. */
    void write(RunResult result) {
        byte[] full = result.toJson();
        if (full.length <= TERMINATION_MESSAGE_LIMIT) {
            if (!writeTerminationMessage(full)) {
                printToLog(result.inLog());
            }
            return;
        }
        RunResult inLog = result.inLog();
        if (result.output().isPresent()) {
            List<String> chunks = OutputChunks.lines(result.output().get());
            chunks.forEach(line -> Console.raw(out, line));
            inLog = inLog.withOutputInChunks(chunks.size());
        }
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
