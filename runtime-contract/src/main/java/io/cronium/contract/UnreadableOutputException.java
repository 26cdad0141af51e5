package io.cronium.contract;

/** The output chunks in a run's log cannot be put back together; the message says why. */
public final class UnreadableOutputException extends RuntimeException {

    UnreadableOutputException(String reason) {
        super(reason);
    }
}
