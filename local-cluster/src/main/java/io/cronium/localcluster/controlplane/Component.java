package io.cronium.localcluster.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One control plane program run as a child process, its output appended to {@code <name>.log} in the
 * control plane's directory.
 */
final class Component {

  private static final long STOP_GRACE_SECONDS = 10;

  private final String name;
  private final List<String> command;
  private final Path log;
  private Process process;

  Component(String name, Path binary, List<String> arguments, Path directory) {
    this.name = name;
    this.command = new ArrayList<>();
    this.command.add(binary.toString());
    this.command.addAll(arguments);
    this.log = directory.resolve(name + ".log");
  }

  Path log() {
    return log;
  }

  private synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /** Starts the program unless it runs already. */
  synchronized Component start() {
    if (running()) {
      return this;
    }
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
    }
    return this;
  }

  /** CPU time the running program has used so far (zero when it does not run). */
  synchronized Duration cpuTime() {
    return running() ? process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO) : Duration.ZERO;
  }

  String name() {
    return name;
  }

  /** SIGTERM, then SIGKILL after a grace period. */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** The last lines of the program's log, for error messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Fails with the log's tail when the program has exited. */
  void checkAlive() {
    if (!running()) {
      throw new IllegalStateException(name + " exited; last lines of " + log + ":\n" + logTail(30));
    }
  }
}
