package io.cronium.runtime;

/** The interpreter a script needs is not installed (not on PATH). */
final class InterpreterNotFoundException extends Exception {

    InterpreterNotFoundException(String program) {
        super("interpreter not found: " + program + " is not on PATH", null, false, false);
    }
}
