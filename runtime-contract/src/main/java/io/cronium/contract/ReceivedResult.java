package io.cronium.contract;

import java.util.Optional;

/**
 * A result as the operator reads it back from what {@link ResultReport} wrote.
 *
 * @param outputLost why the output could not be put back from its {@link OutputChunks} lines;
 *     the result then has no output, and is otherwise whole
 * @param logUnread the termination message says the result is in the log, but the log could not
 *     be read or held no result line: only the message's part (exit code, condition, timeout)
 *     is here, the output, variables and sends are missing
 */
public record ReceivedResult(RunResult result, Optional<String> outputLost, boolean logUnread) {

    /**
     * @param terminationMessage the container's termination message; anything that is not a
     *     result (empty, a crash text) yields empty
     * @param log the container's log, empty when it cannot be read; only needed when the message
     *     says the result is in the log, and without it the message's part of the result counts
     */
    public static Optional<ReceivedResult> read(String terminationMessage, Optional<String> log) {
        Optional<RunResult> fromMessage = RunResult.parse(terminationMessage);
        boolean inLog = fromMessage.map(RunResult::resultInLog).orElse(false);
        if (inLog) {
            Optional<ReceivedResult> fromLog = log.flatMap(ReceivedResult::fromLog);
            if (fromLog.isPresent()) {
                return fromLog;
            }
        }
        return fromMessage.map(result -> new ReceivedResult(result, Optional.empty(), inLog));
    }

    /** The last result line of the log, with its output put back from the chunk lines before it. */
    static Optional<ReceivedResult> fromLog(String log) {
        int line = ResultLine.lastIn(log);
        if (line < 0) {
            return Optional.empty();
        }
        return RunResult.parse(ResultLine.jsonAt(log, line)).map(result -> {
            if (result.outputChunks() == 0) {
                return new ReceivedResult(result, Optional.empty(), false);
            }
            try {
                return new ReceivedResult(
                        result.withOutput(OutputChunks.decode(log.substring(0, line), result.outputChunks())),
                        Optional.empty(), false);
            } catch (UnreadableOutputException lost) {
                return new ReceivedResult(result, Optional.of(lost.getMessage()), false);
            }
        });
    }
}
