package io.cronium.runtime;

/**
 * How the script or request ended.
 *
 * @param error a one-line message when runtime-api itself could not run it, else null
 */
record ExecutionOutcome(int exitCode, boolean timedOut, String error) {

    static final int TIMED_OUT_EXIT_CODE = 124;

    static ExecutionOutcome exited(int exitCode) {
        return new ExecutionOutcome(exitCode, false, null);
    }

    static ExecutionOutcome killedAtTimeout() {
        return new ExecutionOutcome(TIMED_OUT_EXIT_CODE, true, null);
    }

    static ExecutionOutcome failed(int exitCode, String error) {
        return new ExecutionOutcome(exitCode, false, error);
    }
}
