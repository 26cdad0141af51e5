package io.cronium.contract;

/** The run spec cannot be run; the message names the field and the problem in one sentence. */
public final class InvalidRunSpecException extends Exception {

    public InvalidRunSpecException(String message) {
        super(message);
    }
}
