package io.cronium.operator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cronium.localcluster.controlplane.ControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One operator replica as the chart runs it, as a child process: the packaged operator
 * ({@code target/quarkus-app/quarkus-run.jar}, {@code make build}) with the chart's environment for
 * its Pod name and a kubeconfig of the operator's ServiceAccount. Its output (JSON lines) goes to one
 * file across restarts. It can be killed with SIGKILL and started again, and its probes read; an exit
 * this harness did not cause is recorded.
 */
final class OperatorProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  /**
   * The JVM as it starts in the chart's container: the image's flags (the heap at 75% of the 512 MiB
   * memory limit and given back once a collection leaves most of it free, a small young
   * generation, freed native memory trimmed), and one CPU, so the JVM picks the serial collector
   * as it does under the chart's CPU limit.
   */
  static final List<String> CHART_JVM = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=75",
      "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:MaxNewSize=24m",
      "-XX:TrimNativeHeapInterval=5000", "-XX:ActiveProcessorCount=1");
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What {@code /q/health/ready} answered. */
  record Readiness(boolean up, boolean leader, String notSynced) {}

  private final String replica;
  private final Map<String, String> environment;
  private final Path log;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Set<Process> stoppedOnPurpose = ConcurrentHashMap.newKeySet();
  private final List<String> unexpectedExits = new CopyOnWriteArrayList<>();
  private List<String> jvmOptions = List.of();
  private Process process;
  private int starts;

  /**
   * @param replica the Pod name (POD_NAME, the Lease identity)
   * @param chartEnvironment what the chart sets for this Pod ({@link ChartEnvironment})
   * @param kubeconfig the operator ServiceAccount's kubeconfig
   * @param log where its output goes, appended across restarts; a file of an earlier run is replaced
   */
  OperatorProcess(String replica, Map<String, String> chartEnvironment, Path kubeconfig, Path log) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run make build (make test-faults does)");
    }
    this.replica = replica;
    this.log = log;
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.port = ControlPlane.freePort();
    this.environment = new HashMap<>(chartEnvironment);
    environment.put("KUBECONFIG", kubeconfig.toString());
    // The chart's container port is 8080; here each replica needs its own.
    environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
  }

  /** JVM options for the next start, e.g. the heap the chart's memory limit gives the container. */
  synchronized void jvmOptions(List<String> options) {
    jvmOptions = List.copyOf(options);
  }

  String replica() {
    return replica;
  }

  Path logFile() {
    return log;
  }

  /** Starts the operator and waits until it is ready; fails when it exits or {@code atMost} passes first. */
  void startReady(Duration atMost) {
    start();
    Polling.untilWhileRunning(this, atMost, this::ready)
        .orElseThrow(() -> new AssertionError("the operator did not become ready: " + unexpectedExits()));
  }

  /** Starts the operator; its readiness comes later ({@link #ready()}). */
  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(replica + " runs already");
    }
    try {
      Files.createDirectories(log.getParent());
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", JAR.toString()));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process started = builder.start();
      starts++;
      int start = starts;
      started.onExit().thenAccept(exited -> {
        if (!stoppedOnPurpose.contains(exited)) {
          unexpectedExits.add("start #" + start + " (pid " + exited.pid() + ") exited with code "
              + exited.exitValue() + " at " + Instant.now());
        }
      });
      process = started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator " + replica, e);
    }
  }

  /** SIGKILL, as the kernel's OOM killer or a node crash would: no shutdown hook runs. */
  synchronized void kill() {
    Process running = process;
    if (running == null) {
      return;
    }
    stoppedOnPurpose.add(running);
    running.destroyForcibly();
    awaitExit(running);
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process.pid();
  }

  /** A {@code /proc/<pid>/status} figure of the running operator: a size in KiB, or a count. */
  synchronized long procStatus(String field) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
        .filter(line -> line.startsWith(field + ":"))
        .map(line -> line.replaceAll("\\D", ""))
        .mapToLong(Long::parseLong).findFirst()
        .orElseThrow(() -> new IllegalStateException(field + " not in /proc/" + process.pid() + "/status"));
  }

  /** CPU time the running operator has used since it started. */
  synchronized Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + process.pid()));
  }

  /** How many times this replica was started. */
  synchronized int starts() {
    return starts;
  }

  /** Exits this harness did not ask for, e.g. the operator's own System.exit. */
  List<String> unexpectedExits() {
    return List.copyOf(unexpectedExits);
  }

  /** What the readiness probe answers now; empty while nothing listens. */
  Optional<Readiness> readiness() {
    return probe("ready").map(response -> {
      JsonNode data = readTree(response.body()).path("checks").path(0).path("data");
      return new Readiness(
          response.statusCode() == 200, data.path("leader").asBoolean(false), data.path("notSynced").asText(""));
    });
  }

  /** The liveness probe says UP; the chart's kubelet restarts the container after three failures. */
  boolean live() {
    return probe("live").map(response -> response.statusCode() == 200).orElse(false);
  }

  private Optional<HttpResponse<String>> probe(String check) {
    try {
      return Optional.of(http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/" + check))
              .timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString()));
    } catch (IOException notListening) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readTree(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The readiness probe says UP: informers synced and watching, leading or standing by. */
  boolean ready() {
    return readiness().map(Readiness::up).orElse(false);
  }

  OperatorLog readLog() {
    return OperatorLog.read(log);
  }

  /** SIGTERM, then SIGKILL after a grace period. */
  @Override
  public synchronized void close() {
    Process running = process;
    if (running == null) {
      return;
    }
    stoppedOnPurpose.add(running);
    running.destroy();
    try {
      if (!running.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        running.destroyForcibly();
        awaitExit(running);
      }
    } catch (InterruptedException e) {
      running.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitExit(Process process) {
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("pid " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
