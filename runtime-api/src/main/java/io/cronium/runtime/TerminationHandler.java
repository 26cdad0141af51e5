package io.cronium.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns the JVM's shutdown (SIGTERM from the kubelet, or SIGINT) into an orderly end of the run:
 * the signal is passed on to the script, the run gets a grace period to finish and write its
 * result, and the JVM then exits with the script's exit code rather than the signal's.
 */
final class TerminationHandler {

    /** Within Kubernetes' default 30 s termination grace period, with room to report. */
    static final Duration SCRIPT_GRACE = Duration.ofSeconds(10);
    static final Duration REPORT_GRACE = Duration.ofSeconds(5);
    static final int SIGTERM_EXIT_CODE = 143;

    private final Launcher launcher;
    private final CountDownLatch runFinished = new CountDownLatch(1);
    private volatile int exitCode = SIGTERM_EXIT_CODE;

    private TerminationHandler(Launcher launcher) {
        this.launcher = launcher;
    }

    static TerminationHandler install(Launcher launcher) {
        TerminationHandler handler = new TerminationHandler(launcher);
        Runtime.getRuntime().addShutdownHook(new Thread(handler::onShutdown, "termination-handler"));
        return handler;
    }

    void runFinished(int code) {
        exitCode = code;
        runFinished.countDown();
    }

    private void onShutdown() {
        try {
            if (runFinished.getCount() > 0) {
                launcher.terminate();
                if (!runFinished.await(SCRIPT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    launcher.kill();
                    runFinished.await(REPORT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // halt, not exit: exit would block inside a shutdown hook, and only halt sets our status.
        Runtime.getRuntime().halt(exitCode);
    }
}
