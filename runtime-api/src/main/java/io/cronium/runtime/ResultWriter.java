package io.cronium.runtime;

import io.cronium.contract.ResultLine;
import io.cronium.contract.ResultReport;
import io.cronium.contract.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes a result where its {@link ResultReport} says: the termination message, and log lines last. */
final class ResultWriter {

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
        ResultReport report = ResultReport.of(result);
        report.logLines().forEach(line -> Console.raw(out, line));
        boolean written = writeTerminationMessage(report.terminationMessage());
        if (!written && report.logLines().isEmpty()) {
            Console.raw(out, ResultLine.of(result.inLog()));
        }
    }

    private boolean writeTerminationMessage(String json) {
        try {
            Files.writeString(terminationMessagePath, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Outside Kubernetes the path may be missing or read-only; the log still carries the result.
            Console.line(err, "cannot write the result to " + terminationMessagePath + " (" + e.getClass().getSimpleName() + "); it follows in the log");
            return false;
        }
    }
}
