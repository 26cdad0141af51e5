package io.cronium.operator.faults;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault case 4: two replicas with the chart's leader election (one Lease, each replica its own Pod
 * name as identity); the leader is killed with SIGKILL five times, and comes back as the standby
 * once the other has taken over. Each takeover, from the kill to the first JobRun the new leader
 * creates, takes at most 20 s (lease duration 15 s + retry period 2 s + starting its controllers),
 * and no slot of the interval Events, which come due every second, gets two runs or none.
 */
@Tag("faults")
class LeaderTakeoverTest {

  private static final String CASE = "leader-takeover";
  private static final int ROUNDS = 5;
  private static final Duration MAX_TAKEOVER = Duration.ofSeconds(20);
  private static final int EVENTS = 10;
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void theStandbyTakesOverFromAKilledLeaderWithinTwentySecondsWithoutDoublingASlot() {
    FaultReport report = new FaultReport(CASE);
    SoftAssertions softly = new SoftAssertions();
    try (FaultCluster cluster = new FaultCluster(CASE);
        PlayedKubelet kubelet = new PlayedKubelet(cluster.failFastClient(), cluster.namespace(), Duration.ofSeconds(1));
        RunLedger ledger = new RunLedger(cluster.client(), cluster.namespace())) {
      KubernetesClient client = cluster.client();
      Map<String, OperatorProcess> replicas = new LinkedHashMap<>();
      for (String name : List.of("cronium-operator-0", "cronium-operator-1")) {
        OperatorProcess replica = cluster.replica(name);
        replica.start();
        replicas.put(name, replica);
      }
      await("a leader and a ready standby", () -> replicas.values().stream().allMatch(OperatorProcess::ready)
          && replicas.containsKey(cluster.leaseHolder()));
      IntervalEvents events = new IntervalEvents(cluster.namespace(), "tick", EVENTS, INTERVAL,
          Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(1));
      events.create(client, (index, event) -> { });
      await("the first scheduled run", () -> !ledger.runs().isEmpty());

      List<Long> takeoverMillis = new ArrayList<>();
      List<Long> leaseAcquiredMillis = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        int number = round;
        String leader = cluster.leaseHolder();
        OperatorProcess standby = replicas.values().stream()
            .filter(replica -> !replica.replica().equals(leader)).findFirst().orElseThrow();
        await("the standby ready", standby::ready);

        Instant killedAt = Instant.now();
        replicas.get(leader).kill();
        Optional<Instant> acquired = Polling.until(WAIT, () -> standby.replica().equals(cluster.leaseHolder()))
            .map(moved -> cluster.leaderLease().getSpec().getAcquireTime().toInstant());
        // Runs that appear after the new leader acquired the Lease are its own; one seen just after
        // the kill can still be the old leader's last create.
        Optional<Duration> firstRun = acquired.flatMap(since -> Polling.until(WAIT,
                () -> ledger.firstSeenAfter(since).isPresent())
            .map(waited -> Duration.between(killedAt, ledger.firstSeenAfter(since).orElseThrow())));
        acquired.ifPresent(at -> leaseAcquiredMillis.add(Duration.between(killedAt, at).toMillis()));
        firstRun.ifPresent(takeover -> takeoverMillis.add(takeover.toMillis()));
        softly.assertThat(firstRun).as("round %d: a run created by the new leader", number).isPresent();
        firstRun.ifPresent(takeover -> softly.assertThat(takeover)
            .as("round %d: from the kill of %s to the first run of %s", number, leader, standby.replica())
            .isLessThanOrEqualTo(MAX_TAKEOVER));

        replicas.get(leader).start();
      }
      await("both replicas ready", () -> replicas.values().stream().allMatch(OperatorProcess::ready));
      Instant windowEnd = Instant.now().plus(INTERVAL);
      Polling.until(WAIT, () -> ScheduleOutcome.settled(client, events, ledger, windowEnd));
      ScheduleOutcome outcome = ScheduleOutcome.of(client, events, ledger, windowEnd);
      report.put("rounds", ROUNDS)
          .put("takeover_kill_to_first_run_ms", takeoverMillis)
          .put("takeover_kill_to_first_run", Stats.of(takeoverMillis))
          .put("kill_to_lease_acquired_ms", Stats.of(leaseAcquiredMillis));
      outcome.addTo(report);
      replicas.values().forEach(replica -> report.put(replica.replica() + "_unexpected_exits",
          replica.unexpectedExits()));

      softly.assertThat(outcome.duplicates()).as("slots with more than one run").isEmpty();
      softly.assertThat(outcome.lost()).as("slots with neither a run nor a Missed incident").isEmpty();
      replicas.values().forEach(replica -> softly.assertThat(replica.unexpectedExits())
          .as("exits of %s other than the kills", replica.replica()).isEmpty());
    } finally {
      report.write();
    }
    softly.assertAll();
  }

  private static void await(String what, Callable<Boolean> condition) {
    Polling.until(WAIT, condition).orElseThrow(() -> new AssertionError("no " + what + " within " + WAIT));
  }
}
