package io.cronium.contract;

/**
 * The environment through which the operator hands a run to runtime-api in a job Pod. Paths
 * have defaults that match the Pod the operator builds; the variables override them for tests
 * and runs outside Kubernetes.
 */
public final class RuntimeEnv {

    /** The run as one JSON document, a {@link RunSpec}. */
    public static final String RUN_SPEC = "CRONIUM_RUN_SPEC";
    /** Where runtime-api writes the result: the container's termination message file. */
    public static final String TERMINATION_MESSAGE_PATH = "CRONIUM_TERMINATION_MESSAGE_PATH";
    public static final String DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";
    /** The namespace's variables: a read-only directory, one file per key ({@link VariableStoreFormat}). */
    public static final String VARIABLES_DIR = "CRONIUM_VARIABLES_DIR";
    public static final String DEFAULT_VARIABLES_DIR = "/etc/cronium/variables";

    /** The tool Secrets the Event lists, read-only: one directory per Secret, one file per field ({@link ToolGrant}). */
    public static final String TOOLS_DIR = "CRONIUM_TOOLS_DIR";
    public static final String DEFAULT_TOOLS_DIR = "/etc/cronium/tools";

    /**
     * Names (comma-separated) of the variables whose values come from Secrets. runtime-api masks
     * their values in everything the run prints and reports; only the names travel in the Pod spec.
     */
    public static final String MASKED_ENV = "CRONIUM_MASKED_ENV";

    private static final String HTTP_HEADER_PREFIX = "CRONIUM_HTTP_HEADER_";

    private RuntimeEnv() {
    }

    /**
     * The variable holding the value of the {@code index}-th HTTP header when it comes from a
     * Secret: the spec names only the variable, so the value never appears in it.
     */
    public static String httpHeader(int index) {
        return HTTP_HEADER_PREFIX + index;
    }
}
