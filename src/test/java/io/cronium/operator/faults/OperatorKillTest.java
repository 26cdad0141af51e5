package io.cronium.operator.faults;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault case 1: the operator is killed with SIGKILL at random moments, 20 times, while 30 Events on
 * a 10 s interval come due, and restarted each time (as Kubernetes restarts a crashed container).
 * No slot may get two runs, and every slot must get a run or a {@code Missed} incident naming it.
 * Each kill falls at a random moment up to 3 s after the restarted operator reports ready, when it
 * is creating runs, writing statuses and pruning history; a third of the Events keep no finished
 * run at all (successfulRunsHistoryLimit 0), a third one, the rest the default three, so pruning
 * races the status writes.
 */
@Tag("faults")
class OperatorKillTest {

  private static final String CASE = "operator-kill";
  private static final int EVENTS = 30;
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final int KILLS = 20;
  private static final int MIN_SLOTS = 300;
  private static final int MAX_KILL_DELAY_MILLIS = 3000;
  private static final List<Integer> HISTORY_LIMITS = List.of(0, 1, 3);
  private static final Duration READY_WAIT = Duration.ofSeconds(90);
  private static final Duration SETTLE_WAIT = Duration.ofSeconds(120);

  @Test
  void killedTwentyTimesWhileSlotsComeDueItNeitherDoublesNorLosesASlot() throws InterruptedException {
    FaultReport report = new FaultReport(CASE);
    SoftAssertions softly = new SoftAssertions();
    try (FaultCluster cluster = new FaultCluster(CASE);
        PlayedKubelet kubelet = new PlayedKubelet(cluster.failFastClient(), cluster.namespace(), Duration.ofSeconds(1));
        RunLedger ledger = new RunLedger(cluster.client(), cluster.namespace())) {
      KubernetesClient client = cluster.client();
      OperatorProcess operator = cluster.replica("cronium-operator-0");
      operator.start();
      awaitReady(operator);
      Instant firstStart = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
      IntervalEvents events = new IntervalEvents(cluster.namespace(), "tick", EVENTS, INTERVAL, firstStart,
          Duration.ofSeconds(1));
      events.create(client, (index, event) ->
          event.getSpec().setSuccessfulRunsHistoryLimit(HISTORY_LIMITS.get(index % HISTORY_LIMITS.size())));
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstStart).toMillis()));

      long seed = System.nanoTime();
      Random random = new Random(seed);
      List<Long> readyAfterStartMillis = new ArrayList<>();
      List<Long> killedAfterReadyMillis = new ArrayList<>();
      List<Instant> kills = new ArrayList<>();
      for (int kill = 0; kill < KILLS; kill++) {
        readyAfterStartMillis.add(awaitReady(operator).toMillis());
        long delay = random.nextInt(MAX_KILL_DELAY_MILLIS + 1);
        // The fault itself: a moment picked at random while the operator works.
        Thread.sleep(delay);
        killedAfterReadyMillis.add(delay);
        kills.add(Instant.now());
        operator.kill();
        operator.start();
      }
      readyAfterStartMillis.add(awaitReady(operator).toMillis());
      Instant windowEnd = Instant.now().plus(INTERVAL);
      report.put("seed", seed).put("kills", KILLS)
          .put("killed_after_ready_ms", Stats.of(killedAfterReadyMillis))
          .put("ready_after_start_ms", Stats.of(readyAfterStartMillis))
          .put("window", firstStart + " .. " + windowEnd);

      report.put("settled_after_ms", Polling.until(SETTLE_WAIT,
          () -> ScheduleOutcome.settled(client, events, ledger, windowEnd))
          .map(Duration::toMillis).map(String::valueOf).orElse("not within " + SETTLE_WAIT.toSeconds() + " s"));
      ScheduleOutcome outcome = ScheduleOutcome.of(client, events, ledger, windowEnd);
      outcome.addTo(report);
      OperatorLog log = operator.readLog();
      report.put("operator_starts", operator.starts())
          .put("informers_given_up_log_lines", log.informersGivenUp().size())
          .put("error_log_lines", log.errors().size());

      softly.assertThat(outcome.slots()).as("slots that came due during the kills").isGreaterThanOrEqualTo(MIN_SLOTS);
      softly.assertThat(outcome.duplicates()).as("slots with more than one run").isEmpty();
      List<String> lost = outcome.lost().stream().map(slot -> slot + "; " + afterwards(ledger, slot, kills)).toList();
      report.put("lost_slots_whose_next_run_was_killed_within_" + MAX_KILL_DELAY_MILLIS + "ms",
          lost.stream().filter(detail -> detail.contains("killed")).count());
      softly.assertThat(lost).as("slots with neither a run nor a Missed incident").isEmpty();
      softly.assertThat(outcome.notSucceeded()).as("runs of the window that did not end Succeeded").isEmpty();
      softly.assertThat(operator.unexpectedExits()).as("exits other than the kills").isEmpty();
    } finally {
      report.write();
    }
    softly.assertAll();
  }

  /**
   * What came after a lost slot: the Event's next run, and whether the operator that created it was
   * killed right after (within the kill delay), before it could write the Event's status.
   */
  private static String afterwards(RunLedger ledger, ScheduleOutcome.LostSlot lost, List<Instant> kills) {
    return ledger.runs().stream()
        .filter(run -> lost.event().equals(run.event()) && run.nominalTime() != null
            && run.nominalTime().isAfter(lost.slot()))
        .min(Comparator.comparing(RunLedger.Entry::nominalTime))
        .map(run -> "next run " + run.nominalTime() + " appeared " + run.firstSeen() + kills.stream()
            .filter(kill -> !kill.isBefore(run.firstSeen())).findFirst()
            .map(kill -> Duration.between(run.firstSeen(), kill))
            .filter(delta -> delta.toMillis() <= MAX_KILL_DELAY_MILLIS)
            .map(delta -> ", its operator killed " + delta.toMillis() + " ms later")
            .orElse(""))
        .orElse("no later run");
  }

  private static Duration awaitReady(OperatorProcess operator) {
    return Polling.untilWhileRunning(operator, READY_WAIT, operator::ready).orElseThrow(() ->
        new AssertionError(operator.replica() + " did not become ready within " + READY_WAIT.toSeconds()
            + " s; exits: " + operator.unexpectedExits()));
  }
}
