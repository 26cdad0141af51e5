package io.cronium.runtime;

/** The run spec cannot be run as given; the message is one line meant for the user. */
final class InvalidSpecException extends Exception {

    InvalidSpecException(String message) {
        super(message, null, false, false);
    }
}
