package io.cronium.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-memory}: the packaged operator, as the chart runs it (heap at 75% of its 512 MiB
 * limit), starts on a real control plane that holds 5,000 Events and 20,000 finished JobRuns, 1,000
 * of them with a 1 MiB output. Once every Event is reconciled it reports the heap after a full GC,
 * the resident set (now and its peak) and the ten classes that hold the most heap.
 */
@Tag("bench")
class MemoryBenchmark {

  private static final int EVENTS = Integer.getInteger("bench.memory.events", 5000);
  private static final int RUNS_PER_EVENT = 4;
  private static final int LARGE_OUTPUTS = Integer.getInteger("bench.memory.large-outputs", 1000);
  /** Just under the 1 MiB the runtime keeps of an output, with room for the JSON around it. */
  private static final int LARGE_OUTPUT_CHARS = 1024 * 1024 - 64;
  private static final Path REPORT = Path.of("target/bench/memory.txt");
  /** A generation's (serial) or the whole heap's (G1) use in GC.heap_info; Metaspace lines do not match. */
  private static final Pattern HEAP_USED = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K");

  @Test
  void fiveThousandEventsAndTwentyThousandFinishedRuns() throws Exception {
    try (FaultCluster cluster = new FaultCluster("memory")) {
      KubernetesClient client = cluster.client();
      Instant populating = Instant.now();
      populate(client, cluster.namespace());
      Duration populated = Duration.between(populating, Instant.now());

      OperatorProcess operator = cluster.replica("cronium-operator-memory");
      operator.jvmOptions(OperatorProcess.CHART_JVM);
      Instant starting = Instant.now();
      operator.startReady(Duration.ofMinutes(5));
      Duration ready = Duration.between(starting, Instant.now());
      Duration reconciled = Polling.untilWhileRunning(operator, Duration.ofMinutes(10),
              () -> reconciledEvents(client, cluster.namespace()) == EVENTS)
          .map(waited -> waited.plus(ready))
          .orElseThrow(() -> new AssertionError("the operator did not reconcile every Event"));
      // Let the run controller finish its first pass over the finished runs.
      Thread.sleep(Duration.ofSeconds(15).toMillis());

      long pid = operator.pid();
      List<String> histogram = jcmd(pid, "GC.class_histogram");
      List<String> heapInfo = jcmd(pid, "GC.heap_info");
      long heapAfterGcKiB = heapUsedKiB(heapInfo);
      long rssKiB = operator.procStatus("VmRSS");
      long peakRssKiB = operator.procStatus("VmHWM");
      List<String> codeCache = jcmd(pid, "Compiler.codecache");

      StringBuilder report = new StringBuilder("# make bench-memory\n")
          .append(String.format("events: %d%nfinished runs: %d (%d with a 1 MiB output)%n",
              EVENTS, EVENTS * RUNS_PER_EVENT, LARGE_OUTPUTS))
          .append(String.format("operator JVM options: %s%n", String.join(" ", OperatorProcess.CHART_JVM)))
          .append(String.format("populating the cluster took: %d s%n", populated.toSeconds()))
          .append(String.format("operator ready after: %.1f s%n", ready.toMillis() / 1000.0))
          .append(String.format("every Event reconciled after: %.1f s%n", reconciled.toMillis() / 1000.0))
          .append(String.format("heap after full GC: %d MiB%n", heapAfterGcKiB / 1024))
          .append(String.format("RSS: %d MiB%n", rssKiB / 1024))
          .append(String.format("peak RSS (VmHWM): %d MiB%n", peakRssKiB / 1024))
          .append(String.format("goal: RSS <= 300 MiB: %s%n", rssKiB / 1024 <= 300 ? "met" : "NOT met"))
          .append("heap histogram, top 10 classes (jcmd GC.class_histogram):\n");
      histogram.stream().filter(line -> line.matches("\\s*\\d+:\\s+\\d+.*")).limit(10)
          .forEach(line -> report.append(line).append('\n'));
      // Without native memory tracking, which would add to the resident set it measures.
      report.append("where the resident set goes:\n")
          .append(String.format("  anonymous (heap, metaspace, code, stacks, malloc): %d MiB, files mapped: %d MiB%n",
              operator.procStatus("RssAnon") / 1024, operator.procStatus("RssFile") / 1024))
          .append(String.format("  threads: %d%n", operator.procStatus("Threads")))
          .append("  jcmd GC.heap_info (sizes in KiB):\n");
      heapInfo.stream().filter(line -> line.matches("\\s*(def new|tenured|Metaspace|class space).*"))
          .forEach(line -> report.append("    ").append(line.strip()).append('\n'));
      // JDK 17 splits the code cache into "CodeHeap" segments unless it is small.
      codeCache.stream().filter(line -> line.matches("(CodeHeap|CodeCache).*"))
          .forEach(line -> report.append("  jcmd Compiler.codecache: ").append(line.strip()).append('\n'));
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, report);
      System.out.print(report);
      assertThat(operator.unexpectedExits()).isEmpty();
    }
  }

  /** The Events, then their finished runs, as an operator that ran them for a while leaves them. */
  private static void populate(KubernetesClient client, String namespace) throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Event>> events = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        String name = String.format("memory-%05d", i);
        events.add(writers.submit(() -> client.resource(event(namespace, name)).create()));
      }
      List<Future<?>> runs = new ArrayList<>();
      int run = 0;
      for (Future<Event> created : events) {
        Event event = created.get();
        for (int k = 0; k < RUNS_PER_EVENT; k++) {
          // Every 20th run carries a large output: 1,000 of the 20,000.
          boolean large = run++ % (EVENTS * RUNS_PER_EVENT / Math.max(1, LARGE_OUTPUTS)) == 0;
          runs.add(writers.submit(() -> finishedRun(client, event, large)));
        }
      }
      for (Future<?> written : runs) {
        written.get();
      }
    } finally {
      writers.shutdown();
      writers.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /** An Event due once a year, keeping its four finished runs. */
  private static Event event(String namespace, String name) {
    Event event = TestRuns.cronEvent(namespace, name, "echo 'a script of a few lines'\nsleep 1\necho done", "0 0 1 1 *");
    event.getSpec().setSuccessfulRunsHistoryLimit(RUNS_PER_EVENT);
    return event;
  }

  private static Void finishedRun(KubernetesClient client, Event event, boolean largeOutput) {
    JobRun created = client.resource(JobRuns.manual(event, null)).create();
    JobRunStatus status = new JobRunStatus();
    status.setPhase(JobRunPhase.Succeeded);
    status.setExitCode(0);
    status.setStartTime("2026-11-28T10:00:01Z");
    status.setCompletionTime("2026-11-28T10:00:03Z");
    status.setLogTail("a script of a few lines\ndone\n");
    // What the operator writes when a run succeeds: its conditions, message and the Pod's report.
    status.setReason("Succeeded");
    status.setMessage("The script exited with code 0.");
    status.setPodName(created.getMetadata().getName());
    status.setAttempt(1);
    status.setObservedGeneration(1L);
    status.setTerminationMessage("{\"exitCode\":0,\"outputBytes\":" + (largeOutput ? LARGE_OUTPUT_CHARS : 10) + "}");
    status.setImageDigest("docker.io/cronium/runtime-api@sha256:" + "0123456789abcdef".repeat(4));
    status.setConditions(List.of(
        Conditions.condition("Complete", true, "Succeeded", "The script exited with code 0."),
        Conditions.condition("Failed", false, "Succeeded", "The script exited with code 0."),
        Conditions.condition("Running", false, "Succeeded", "The run has ended.")));
    status.getConditions().forEach(condition -> {
      condition.setLastTransitionTime("2026-11-28T10:00:03Z");
      condition.setObservedGeneration(1L);
    });
    status.setOutput(largeOutput ? largeOutput() : JsonNodeFactory.instance.objectNode().put("rows", 3));
    created.setStatus(status);
    client.resource(created).updateStatus();
    return null;
  }

  private static JsonNode largeOutput() {
    return JsonNodeFactory.instance.objectNode().put("blob", "x".repeat(LARGE_OUTPUT_CHARS));
  }

  private static long reconciledEvents(KubernetesClient client, String namespace) {
    return client.resources(Event.class).inNamespace(namespace).list().getItems().stream()
        .filter(event -> event.getStatus() != null && event.getStatus().getNextScheduleTime() != null)
        .count();
  }

  private static List<String> jcmd(long pid, String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid), command)
        .redirectErrorStream(true).start();
    List<String> lines = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + lines);
    }
    return lines;
  }

  private static long heapUsedKiB(List<String> heapInfo) {
    List<Long> used = heapInfo.stream().map(HEAP_USED::matcher).filter(Matcher::find)
        .map(match -> Long.parseLong(match.group(1))).toList();
    if (used.isEmpty()) {
      throw new IllegalStateException("no heap use in " + heapInfo);
    }
    return used.stream().mapToLong(Long::longValue).sum();
  }

}
