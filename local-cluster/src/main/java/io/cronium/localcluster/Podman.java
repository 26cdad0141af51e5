package io.cronium.localcluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The podman command line, each call bounded by a timeout. The node never pulls images. */
final class Podman {

  private static final Duration QUICK = Duration.ofSeconds(20);
  private static final Duration PLAY = Duration.ofSeconds(90);

  private final String executable;
  private final Path containersConf;

  /** {@code containersConf} may be null: podman then uses the CONTAINERS_CONF of this process, if any. */
  Podman(String executable, Path containersConf) {
    this.executable = executable;
    this.containersConf = containersConf;
  }

  /** Whether podman answers at all (it is installed and its storage is usable). */
  boolean available() {
    try {
      return run(QUICK, "version", "--format", "{{.Client.Version}}").exitCode() == 0;
    } catch (PodmanException e) {
      return false;
    }
  }

  /** podman's version, for the Node's container runtime field. */
  String version() {
    Result result = run(QUICK, "version", "--format", "{{.Client.Version}}");
    return result.exitCode() == 0 ? result.stdout().strip() : "unknown";
  }

  boolean imageExists(String image) {
    return run(QUICK, "image", "exists", image).exitCode() == 0;
  }

  /** Creates and starts the pod that {@code manifest} describes. */
  void playKube(Path manifest) {
    run(PLAY, "kube", "play", manifest.toString()).orThrow("kube play " + manifest);
  }

  /** Sends SIGTERM to the pod's containers and SIGKILL after the grace period. */
  void stopPod(String pod, long graceSeconds) {
    run(QUICK.plusSeconds(graceSeconds), "pod", "stop", "--ignore", "-t", String.valueOf(graceSeconds), pod)
        .orThrow("pod stop " + pod);
  }

  /** Kills and removes the pod and its containers; a missing pod is no error. */
  void removePod(String pod) {
    run(QUICK, "pod", "rm", "--force", "--ignore", "-t", "0", pod).orThrow("pod rm " + pod);
  }

  /** Blocks until the container has stopped (bounded by {@code timeout}). */
  void waitForExit(String container, Duration timeout) {
    run(timeout, "wait", container);
  }

  Optional<ContainerInspection> inspectContainer(String container) {
    Result result = run(QUICK, "container", "inspect", container);
    if (result.exitCode() != 0) {
      return Optional.empty();
    }
    JsonNode node = Serialization.unmarshal(result.stdout(), JsonNode.class).path(0);
    JsonNode state = node.path("State");
    return Optional.of(new ContainerInspection(
        node.path("Id").asText(),
        imageId(node),
        state.path("Status").asText(),
        state.path("ExitCode").asInt(),
        state.path("OOMKilled").asBoolean(),
        time(state.path("StartedAt").asText()),
        time(state.path("FinishedAt").asText())));
  }

  /**
   * The whole log of a stopped container ({@code podman logs --timestamps}, no follow), in podman's
   * lines; empty when podman cannot read it.
   */
  List<String> logs(String container) {
    Result result = run(QUICK, "logs", "--timestamps", container);
    return result.exitCode() == 0 ? result.stdout().lines().toList() : List.of();
  }

  /** Starts {@code podman logs --follow --timestamps}; the caller reads and ends the process. */
  Process followLogs(String container) throws IOException {
    return processBuilder("logs", "--follow", "--timestamps", container).redirectErrorStream(true).start();
  }

  private static String imageId(JsonNode container) {
    String digest = container.path("ImageDigest").asText("");
    String name = container.path("ImageName").asText("");
    int tag = name.lastIndexOf(':');
    String repository = tag > name.lastIndexOf('/') ? name.substring(0, tag) : name;
    return digest.isEmpty() ? container.path("Image").asText() : repository + "@" + digest;
  }

  private static Instant time(String text) {
    return text.isEmpty() || text.startsWith("0001-") ? null : Instant.parse(text);
  }

  /** Runs podman to completion; output goes through files so that no pipe can fill up and block it. */
  private Result run(Duration timeout, String... args) {
    String command = "podman " + String.join(" ", args);
    File out = null;
    File err = null;
    Process process = null;
    try {
      out = File.createTempFile("podman", ".out");
      err = File.createTempFile("podman", ".err");
      process = processBuilder(args).redirectOutput(out).redirectError(err).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new PodmanException(command + " timed out after " + timeout);
      }
      return new Result(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PodmanException(command + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PodmanException("interrupted while running " + command, e);
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
      delete(out);
      delete(err);
    }
  }

  private ProcessBuilder processBuilder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (containersConf != null) {
      builder.environment().put("CONTAINERS_CONF", containersConf.toString());
    }
    return builder;
  }

  private static void delete(File file) {
    if (file != null && !file.delete() && file.exists()) {
      file.deleteOnExit();
    }
  }

  /** What {@code podman container inspect} says about one container; times are null until they happened. */
  record ContainerInspection(String id, String imageId, String status, int exitCode, boolean oomKilled,
      Instant startedAt, Instant finishedAt) {

    boolean exited() {
      return "exited".equals(status) || "stopped".equals(status);
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {

    Result orThrow(String what) {
      if (exitCode != 0) {
        throw new PodmanException(what + " failed (exit " + exitCode + "): " + stderr.strip());
      }
      return this;
    }
  }

  /** A podman call that failed, timed out or could not start. */
  static final class PodmanException extends RuntimeException {

    PodmanException(String message) {
      super(message);
    }

    PodmanException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
