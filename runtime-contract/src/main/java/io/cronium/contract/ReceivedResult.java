package io.cronium.contract;

import java.util.Optional;

/**
 * A result as the operator reads it back from what {@link ResultReport} wrote.
 *
 * @param outputLost why the output could not be put back from its {@link OutputChunks} lines;
 *     the result then has no output, and is otherwise whole
 */
public record ReceivedResult(RunResult result, Optional<String> outputLost) {

    /**
     * @param terminationMessage the container's termination message; anything that is not a
     *     result (empty, a crash text) yields empty
     * @param log the container's log, empty when it cannot be read; only needed when the message
     *     says the result is in the log, and without it the message's part of the result counts
     */
    public static Optional<ReceivedResult> read(String terminationMessage, Optional<String> log) {
        Optional<RunResult> fromMessage = RunResult.parse(terminationMessage);
        if (fromMessage.map(RunResult::resultInLog).orElse(false)) {
            Optional<ReceivedResult> fromLog = log.flatMap(ReceivedResult::fromLog);
            if (fromLog.isPresent()) {
                return fromLog;
            }
        }
        return fromMessage.map(result -> new ReceivedResult(result, Optional.empty()));
    }

    /** The last result line of the log, with its output put back from the chunk lines before it. */
    static Optional<ReceivedResult> fromLog(String log) {
        int line = ResultLine.lastIn(log);
        if (line < 0) {
            return Optional.empty();
        }
        return RunResult.parse(ResultLine.jsonAt(log, line)).map(result -> {
            if (result.outputChunks() == 0) {
                return new ReceivedResult(result, Optional.empty());
            }
            try {
                return new ReceivedResult(
                        result.withOutput(OutputChunks.decode(log.substring(0, line), result.outputChunks())),
                        Optional.empty());
            } catch (UnreadableOutputException lost) {
                return new ReceivedResult(result, Optional.of(lost.getMessage()));
            }
        });
    }
}
