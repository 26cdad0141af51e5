package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.Pod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files the node keeps per Pod, under one directory per Pod object: container logs (one line per
 * log line as {@code podman logs --timestamps} prints it: {@code <RFC 3339 time> <text>}), termination
 * message files and volumes. Serves the logs to the API server as a {@link PodLogSource}.
 */
final class PodFiles implements PodLogSource {

  private final Path root;

  PodFiles(Path root) {
    this.root = root;
  }

  /** The directory holding everything the node keeps for one Pod (by uid: a name can come back). */
  Path podDirectory(Pod pod) {
    return root.resolve(pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName() + "_"
        + pod.getMetadata().getUid());
  }

  Path logFile(Pod pod, String container) {
    return podDirectory(pod).resolve("logs").resolve(container + ".log");
  }

  /** Mounted at the container's terminationMessagePath. */
  Path terminationFile(Pod pod, String container) {
    return podDirectory(pod).resolve("termination").resolve(container);
  }

  @Override
  public List<LogLine> lines(Pod pod, String container) {
    List<String> raw;
    try {
      raw = Files.readAllLines(logFile(pod, container), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<LogLine> lines = new ArrayList<>(raw.size());
    raw.forEach(line -> parse(line).ifPresent(lines::add));
    return lines;
  }

  /** Parses one {@code <time> <text>} line; anything else (podman's own errors) is not a log line. */
  static Optional<LogLine> parse(String line) {
    int space = line.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    try {
      Instant time = OffsetDateTime.parse(line.substring(0, space)).toInstant();
      return Optional.of(new LogLine(time, line.substring(space + 1)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
