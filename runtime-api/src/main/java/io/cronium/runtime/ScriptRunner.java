package io.cronium.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the interpreter as a child: forwards its output line by line, enforces the run's timeout,
 * and stops its process tree on request (SIGTERM first, SIGKILL after a grace period).
 */
final class ScriptRunner {

    /** How long a script may take to exit after SIGTERM when it timed out. */
    static final Duration TIMEOUT_GRACE = Duration.ofSeconds(5);
    /** How long to wait for the script's last output once it has exited. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final PrintStream out;
    private final PrintStream err;
    private final int maskOverlap;
    private volatile Process child;
    private volatile boolean terminationRequested;

    /** @param maskOverlap see {@link LineForwarder#LineForwarder(java.io.InputStream, PrintStream, int)} */
    ScriptRunner(PrintStream out, PrintStream err, int maskOverlap) {
        this.out = out;
        this.err = err;
        this.maskOverlap = maskOverlap;
    }

    ExecutionOutcome run(ProcessBuilder builder, Optional<Duration> timeout) throws IOException, InterruptedException {
        Process process = builder.start();
        child = process;
        if (terminationRequested) {
            signalTree(process, false);
        }
        Thread stdout = LineForwarder.start("forward-stdout", process.getInputStream(), out, maskOverlap);
        Thread stderr = LineForwarder.start("forward-stderr", process.getErrorStream(), err, maskOverlap);
        ExecutionOutcome outcome;
        if (waitFor(process, timeout)) {
            outcome = ExecutionOutcome.exited(process.exitValue());
        } else {
            Console.line(err, "timed out after " + timeout.orElseThrow().toSeconds() + " s; stopping the script");
            stop(process, TIMEOUT_GRACE);
            outcome = ExecutionOutcome.killedAtTimeout();
        }
        awaitOutput(stdout, stderr);
        return outcome;
    }

    /** Passes a SIGTERM on to the script and everything it started. */
    void terminate() {
        terminationRequested = true;
        Process process = child;
        if (process != null) {
            signalTree(process, false);
        }
    }

    /** SIGKILL for a script that ignored {@link #terminate()}. */
    void kill() {
        Process process = child;
        if (process != null) {
            signalTree(process, true);
        }
    }

    private static boolean waitFor(Process process, Optional<Duration> timeout) throws InterruptedException {
        if (timeout.isEmpty()) {
            process.waitFor();
            return true;
        }
        return process.waitFor(timeout.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void stop(Process process, Duration grace) throws InterruptedException {
        signalTree(process, false);
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            signalTree(process, true);
            process.waitFor();
        }
    }

    private static void signalTree(Process process, boolean force) {
        // Listed before signalling, as once the child is gone its children can no longer be found
        // from it; signalled after the child, so the script's own trap is pending before anything
        // it waits for has died (otherwise it could finish without running its trap).
        List<ProcessHandle> descendants = process.descendants().toList();
        signal(process.toHandle(), force);
        descendants.forEach(handle -> signal(handle, force));
    }

    private static void signal(ProcessHandle handle, boolean force) {
        if (force) {
            handle.destroyForcibly();
        } else {
            handle.destroy();
        }
    }

    /**
     * Lets the forwarders pass on what the script wrote before it exited. Background processes
     * it left behind may hold its pipes open for longer; what they print after the script ended
     * is not the run's, and the result line must not wait for them, hence the bound.
     */
    private static void awaitOutput(Thread stdout, Thread stderr) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        stdout.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        stderr.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
}
