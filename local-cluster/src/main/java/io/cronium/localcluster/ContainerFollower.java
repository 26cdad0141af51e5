package io.cronium.localcluster;

import io.cronium.localcluster.PodStatuses.ContainerView;
import io.fabric8.kubernetes.api.model.Container;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Follows one started container as the kubelet does: copies its log into the node's log file while it
 * runs (so that {@code pods/log} is live), and once it exits tells how it ended, with the termination
 * message.
 */
final class ContainerFollower {

  private static final int TERMINATION_MESSAGE_LIMIT = 4096;
  /** FallbackToLogsOnError uses at most this much of the log tail, as the kubelet does. */
  private static final int FALLBACK_LINES = 80;
  private static final int FALLBACK_BYTES = 2048;

  private final Podman podman;
  private final PodFiles files;

  ContainerFollower(Podman podman, PodFiles files) {
    this.podman = podman;
    this.files = files;
  }

  /** Blocks until the container ends; empty when it vanished instead (its pod was removed). */
  Optional<ContainerView> follow(PodRun run, String container) throws IOException {
    String podmanContainer = run.podmanContainer(container);
    copyLog(run, container, podmanContainer);
    if (run.deleted()) {
      return Optional.empty();
    }
    podman.waitForExit(podmanContainer, Duration.ofSeconds(30));
    completeLog(run, container, podmanContainer);
    return podman.inspectContainer(podmanContainer)
        .filter(Podman.ContainerInspection::exited)
        .map(inspection -> ContainerView.terminated(inspection.exitCode(), reason(inspection),
            terminationMessage(run, container, inspection.exitCode()), inspection.startedAt(),
            inspection.finishedAt(), "podman://" + inspection.id(), inspection.imageId()));
  }

  /** Appends each log line to the file as it comes; returns when podman stops following (container gone). */
  private void copyLog(PodRun run, String container, String podmanContainer) throws IOException {
    Path logFile = files.logFile(run.pod(), container);
    Files.createDirectories(logFile.getParent());
    Process process = podman.followLogs(podmanContainer);
    run.track(process);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
             StandardCharsets.UTF_8));
         Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
             StandardOpenOption.APPEND)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Optional<String> logLine = logLine(line, Instant.now());
        if (logLine.isPresent()) {
          log.write(logLine.get() + "\n");
          log.flush();
        }
      }
    } finally {
      process.destroy();
      run.untrack(process);
    }
  }

  /**
   * {@code podman logs --follow} can stop short of the end of a long log (podman#21914), where a
   * kubelet's log file is whole; the plain read of the stopped container is not cut, so it replaces
   * the copy when it holds more. The file is swapped whole: readers count lines, never positions.
   */
  private void completeLog(PodRun run, String container, String podmanContainer) throws IOException {
    Instant now = Instant.now();
    List<String> whole = podman.logs(podmanContainer).stream()
        .flatMap(line -> logLine(line, now).stream())
        .toList();
    Path logFile = files.logFile(run.pod(), container);
    List<String> copied = Files.readAllLines(logFile, StandardCharsets.UTF_8);
    if (whole.size() < copied.size() || whole.equals(copied)) {
      return;
    }
    Path next = logFile.resolveSibling(logFile.getFileName() + ".whole");
    Files.write(next, whole, StandardCharsets.UTF_8);
    Files.move(next, logFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * A line of podman's output as the node's log keeps it; empty for podman's own complaints, which
   * share the stream without a timestamp.
   */
  private static Optional<String> logLine(String podmanLine, Instant now) {
    return PodFiles.parse(podmanLine).map(parsed -> PartialLines.join(podmanLine, now));
  }

  private static String reason(Podman.ContainerInspection inspection) {
    if (inspection.oomKilled()) {
      return "OOMKilled";
    }
    return inspection.exitCode() == 0 ? "Completed" : "Error";
  }

  /** The termination file (at most 4096 bytes), or the log tail when the policy asks for it and the file is empty. */
  private String terminationMessage(PodRun run, String container, int exitCode) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(files.terminationFile(run.pod(), container));
    } catch (IOException e) {
      bytes = new byte[0];
    }
    String message = new String(bytes, 0, Math.min(bytes.length, TERMINATION_MESSAGE_LIMIT), StandardCharsets.UTF_8);
    if (message.isEmpty() && exitCode != 0 && fallsBackToLogs(run, container)) {
      List<LogLine> lines = files.lines(run.pod(), container);
      StringBuilder tail = new StringBuilder();
      lines.subList(Math.max(0, lines.size() - FALLBACK_LINES), lines.size())
          .forEach(line -> tail.append(line.text()).append('\n'));
      message = tail.length() > FALLBACK_BYTES ? tail.substring(tail.length() - FALLBACK_BYTES) : tail.toString();
    }
    return message.isEmpty() ? null : message;
  }

  private static boolean fallsBackToLogs(PodRun run, String container) {
    return run.pod().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(container))
        .map(Container::getTerminationMessagePolicy)
        .anyMatch("FallbackToLogsOnError"::equals);
  }
}
