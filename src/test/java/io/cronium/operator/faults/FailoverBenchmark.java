package io.cronium.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-failover}: with 5,000 Events in the cluster (due once a year, so they cost the
 * operator their cache and first reconcile, not runs) and 10 interval Events due every 10 s, the
 * packaged operator's start to ready, then three rounds of: SIGKILL the leader, time until the
 * standby has the Lease and until it creates its first JobRun.
 */
@Tag("bench")
class FailoverBenchmark {

  private static final int EVENTS = Integer.getInteger("bench.failover.events", 5000);
  private static final int ROUNDS = 3;
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final Path REPORT = Path.of("target/bench/failover.txt");

  @Test
  void startUpAndLeaderFailoverWithFiveThousandEvents() throws Exception {
    try (FaultCluster cluster = new FaultCluster("failover");
        PlayedKubelet kubelet = new PlayedKubelet(cluster.failFastClient(), cluster.namespace(), Duration.ofSeconds(1));
        RunLedger ledger = new RunLedger(cluster.client(), cluster.namespace())) {
      KubernetesClient client = cluster.client();
      // Eight at a time, as a GitOps sync of 5,000 files would.
      ParallelWrites.run(EVENTS, 8, i -> client.resource(yearly(cluster.namespace(), "yearly-" + i)).create());
      OperatorProcess first = cluster.replica("cronium-operator-0");
      OperatorProcess second = cluster.replica("cronium-operator-1");
      first.jvmOptions(OperatorProcess.CHART_JVM);
      second.jvmOptions(OperatorProcess.CHART_JVM);
      Instant starting = Instant.now();
      first.startReady(WAIT);
      Duration ready = Duration.between(starting, Instant.now());
      second.startReady(WAIT);
      new IntervalEvents(cluster.namespace(), "tick", 10, Duration.ofSeconds(10),
          Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(1))
          .create(client, (index, event) -> { });
      await(() -> !ledger.runs().isEmpty());

      List<Long> leaseMillis = new ArrayList<>();
      List<Long> firstRunMillis = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        OperatorProcess leader = first.replica().equals(cluster.leaseHolder()) ? first : second;
        OperatorProcess standby = leader == first ? second : first;
        await(standby::ready);
        Instant killedAt = Instant.now();
        leader.kill();
        await(() -> standby.replica().equals(cluster.leaseHolder()));
        Instant acquired = cluster.leaderLease().getSpec().getAcquireTime().toInstant();
        await(() -> ledger.firstSeenAfter(acquired).isPresent());
        leaseMillis.add(Duration.between(killedAt, acquired).toMillis());
        firstRunMillis.add(Duration.between(killedAt, ledger.firstSeenAfter(acquired).orElseThrow()).toMillis());
        leader.start();
      }
      assertThat(firstRunMillis).hasSize(ROUNDS);
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, String.join("\n",
          "# make bench-failover: start-up and leader failover with " + EVENTS + " Events, packaged operator",
          "measured_at: " + Instant.now(),
          BenchFigures.machine(),
          "operator JVM options: " + String.join(" ", OperatorProcess.CHART_JVM),
          String.format("start_to_ready_s: %.1f", ready.toMillis() / 1000.0),
          "kill_to_lease_acquired_ms: " + leaseMillis,
          "kill_to_first_run_by_new_leader_ms: " + firstRunMillis,
          "(lease duration 15 s, retry period 2 s: the Lease alone takes 15-17 s to change hands)",
          ""));
    }
  }

  private static Event yearly(String namespace, String name) {
    return TestRuns.cronEvent(namespace, name, "echo 'a script of a few lines'", "0 0 1 1 *");
  }

  private static void await(Callable<Boolean> condition) {
    Polling.until(WAIT, condition).orElseThrow(() -> new AssertionError("not within " + WAIT));
  }
}
