package io.cronium.runtime;

import java.util.Map;

/** The container's entry process: runs the run in {@code CRONIUM_RUN_SPEC} and exits with its exit code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Launcher launcher = new Launcher(LauncherSettings.fromEnvironment(env), env, System.out, System.err);
        TerminationHandler termination = TerminationHandler.install(launcher);
        int exitCode = launcher.run();
        termination.runFinished(exitCode);
        System.exit(exitCode);
    }
}
