package io.cronium.runtime;

import io.cronium.contract.RunResult;
import io.cronium.contract.ToolSendRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The result of this launcher's run, with its error kept to one line. */
final class RunResults {

    /** Keeps the small part of the result within the termination message under any error text. */
    static final int MAX_ERROR_CHARS = 1000;

    private RunResults() {
    }

    static RunResult of(ExecutionOutcome outcome, RunState state, VariableStore variables, List<ToolSendRecord> sends) {
        Optional<ResultOutput> output = state.output().map(ResultOutput::of);
        return new RunResult(outcome.exitCode(), output.map(ResultOutput::value), state.condition(), variables.writes(),
                variables.deletions(), outcome.timedOut(), oneLine(outcome.error()), output.map(ResultOutput::truncated).orElse(false), false, 0, sends);
    }

    static RunResult failure(int exitCode, String error) {
        return new RunResult(exitCode, Optional.empty(), Optional.empty(), Map.of(), Set.of(), false, oneLine(error), false, false, 0);
    }

    private static String oneLine(String error) {
        if (error == null) {
            return null;
        }
        String line = error.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS - 3) + "...";
    }
}
