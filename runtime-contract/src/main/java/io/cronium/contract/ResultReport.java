package io.cronium.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How runtime-api hands a result to the operator: the termination message when the JSON fits
 * its {@value RunResult#TERMINATION_MESSAGE_LIMIT} bytes; otherwise a reduced message there, the
 * output as {@link OutputChunks} lines and the rest of the result as a {@link ResultLine}, which
 * the operator reads back through {@code pods/log} (no API credentials needed in the Pod).
 *
 * @param logLines to print after all of the script's output, in this order; empty when the
 *     termination message holds the whole result
 */
public record ResultReport(String terminationMessage, List<String> logLines) {

    public ResultReport {
        logLines = List.copyOf(logLines);
    }

    public static ResultReport of(RunResult result) {
        byte[] full = result.toJson();
        if (full.length <= RunResult.TERMINATION_MESSAGE_LIMIT) {
            return new ResultReport(new String(full, StandardCharsets.UTF_8), List.of());
        }
        List<String> lines = new ArrayList<>();
        RunResult inLog = result.inLog();
        if (result.output().isPresent()) {
            List<String> chunks = OutputChunks.encode(result.output().get());
            lines.addAll(chunks);
            inLog = inLog.withOutputInChunks(chunks.size());
        }
        lines.add(ResultLine.of(inLog));
        String message = new String(inLog.withoutOutputAndVariables().toJson(), StandardCharsets.UTF_8);
        return new ResultReport(message, lines);
    }
}
