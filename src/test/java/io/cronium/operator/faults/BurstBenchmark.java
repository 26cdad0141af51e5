package io.cronium.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.RequestTally;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-burst}: 2,000 JobRuns created at once (16 clients in parallel, as a burst of
 * manual runs or a chain of actions would) for the packaged operator, with a node that runs every
 * Pod at once and ends it a second later, so the node is not the bottleneck. Throughput counts
 * from the first JobRun created to the last Pod created, and to the last run Succeeded.
 */
@Tag("bench")
class BurstBenchmark {

  private static final int RUNS = Integer.getInteger("bench.burst.runs", 2000);
  /** Runs per Event: within the history limit, so no finished run is deleted before it is counted. */
  private static final int RUNS_PER_EVENT = 100;
  private static final int CLIENTS = 16;
  private static final Path REPORT = Path.of("target/bench/burst.txt");

  @Test
  void twoThousandRunsCreatedAtOnce() throws Exception {
    try (FaultCluster cluster = new FaultCluster("burst")) {
      KubernetesClient client = cluster.client();
      String namespace = cluster.namespace();
      int events = (RUNS + RUNS_PER_EVENT - 1) / RUNS_PER_EVENT;
      for (int e = 0; e < events; e++) {
        client.resource(event(namespace, "burst-" + e)).create();
      }
      OperatorProcess operator = cluster.replica("cronium-operator-burst");
      operator.jvmOptions(OperatorProcess.CHART_JVM);
      operator.startReady(Duration.ofMinutes(3));
      Map<String, Instant> succeeded = new ConcurrentHashMap<>();
      SharedIndexInformer<JobRun> runs = client.resources(JobRun.class).inNamespace(namespace).inform(
          new ResourceEventHandler<>() {
            @Override
            public void onAdd(JobRun run) {
              onUpdate(run, run);
            }

            @Override
            public void onUpdate(JobRun previous, JobRun run) {
              if (run.phase() == JobRunPhase.Succeeded) {
                succeeded.putIfAbsent(run.getMetadata().getName(), Instant.now());
              }
            }

            @Override
            public void onDelete(JobRun run, boolean finalStateUnknown) {
            }
          });
      try (PlayedKubelet kubelet = new PlayedKubelet(cluster.failFastClient(), namespace, Duration.ofSeconds(1))) {
        RequestTally created = cluster.controlPlane().requests(ControlPlane.ADMIN_USER::equals);
        RequestTally operatorRequests = cluster.controlPlane().requests(cluster.operatorUser()::equals);
        Duration cpuBefore = operator.cpuTime();
        ParallelWrites.run(RUNS, CLIENTS, i ->
            client.resource(TestRuns.newRun(namespace, "run-" + i, "burst-" + i / RUNS_PER_EVENT)).create());
        Polling.untilWhileRunning(operator, Duration.ofMinutes(10), () -> succeeded.size() == RUNS)
            .orElseThrow(() -> new AssertionError("only " + succeeded.size() + " of " + RUNS + " runs succeeded"));
        Duration cpu = operator.cpuTime().minus(cpuBefore);
        Map<String, Long> requests = BenchFigures.forRuns(operatorRequests.snapshot());

        List<Instant> runCreates = sorted(created.completedAt("POST jobruns"));
        List<Instant> podCreates = sorted(operatorRequests.completedAt("POST pods"));
        List<Instant> successes = sorted(succeeded.values());
        assertThat(runCreates).hasSize(RUNS);
        assertThat(podCreates).hasSize(RUNS);
        Instant first = runCreates.get(0);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, String.join("\n",
            "# make bench-burst: " + RUNS + " JobRuns created at once by " + CLIENTS + " clients, fast node",
            "measured_at: " + Instant.now(),
            BenchFigures.machine(),
            "operator JVM options: " + String.join(" ", OperatorProcess.CHART_JVM),
            String.format("jobruns_created_in_s: %.2f", seconds(first, runCreates.get(RUNS - 1))),
            String.format("first_run_to_last_pod_created_s: %.2f", seconds(first, podCreates.get(RUNS - 1))),
            String.format("runs_per_s_to_pod_created: %.1f", RUNS / seconds(first, podCreates.get(RUNS - 1))),
            String.format("first_run_to_last_succeeded_s: %.2f", seconds(first, successes.get(RUNS - 1))),
            String.format("runs_per_s_to_succeeded: %.1f", RUNS / seconds(first, successes.get(RUNS - 1))),
            String.format("operator_cpu_s: %.2f", cpu.toMillis() / 1000.0),
            String.format("operator_writes_per_run: %.2f", (double) BenchFigures.writes(requests) / RUNS),
            "operator requests per run (Lease renewals aside):", "") + BenchFigures.perRun(requests, RUNS));
      } finally {
        runs.close();
      }
    }
  }

  private static Event event(String namespace, String name) {
    Event event = TestRuns.bashEvent(name, "echo burst");
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setSuccessfulRunsHistoryLimit(RUNS_PER_EVENT);
    return event;
  }

  private static List<Instant> sorted(Collection<Instant> times) {
    List<Instant> sorted = new ArrayList<>(times);
    sorted.sort(Comparator.naturalOrder());
    return sorted;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

}
