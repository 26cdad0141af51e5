package io.cronium.operator.faults;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.RunCounts;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault cases 2 and 3: kube-apiserver, then etcd, is stopped for 30 s while runs are in flight
 * (their Pods running, finishing while the control plane is away) and interval Events come due,
 * then started again. The operator process must ride it out: same PID, never exited; its readiness
 * comes back UP with every informer watching; the in-flight runs end Succeeded with their status
 * and the Event's counts right; an Event created afterwards runs; no slot is doubled or lost.
 */
@Tag("faults")
class ControlPlaneOutageTest {

  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final int IN_FLIGHT = 6;
  /** Long enough that the in-flight runs finish during the outage, not before it. */
  private static final Duration RUN_FOR = Duration.ofSeconds(5);
  private static final int INTERVAL_EVENTS = 3;
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** A leader renews every 2 s (retry period); one that still leads has renewed well within this. */
  private static final Duration LEASE_WAIT = Duration.ofSeconds(10);
  /** The run waits for kube-scheduler to bind its Pod (it is restarted with the API server), then takes 5 s. */
  private static final Duration NEW_RUN_WAIT = Duration.ofSeconds(90);

  @Test
  void apiServerStoppedForThirtySecondsWhileRunsAreInFlight() throws InterruptedException {
    rideOut("apiserver-outage", ControlPlane::stopApiServer, ControlPlane::startApiServer);
  }

  @Test
  void etcdStoppedForThirtySecondsWhileRunsAreInFlight() throws InterruptedException {
    rideOut("etcd-outage", ControlPlane::stopEtcd, ControlPlane::startEtcd);
  }

  private static void rideOut(String caseName, Consumer<ControlPlane> stop, Consumer<ControlPlane> start)
      throws InterruptedException {
    FaultReport report = new FaultReport(caseName);
    SoftAssertions softly = new SoftAssertions();
    try (FaultCluster cluster = new FaultCluster(caseName);
        PlayedKubelet kubelet = new PlayedKubelet(cluster.failFastClient(), cluster.namespace(), RUN_FOR);
        RunLedger ledger = new RunLedger(cluster.client(), cluster.namespace())) {
      KubernetesClient client = cluster.client();
      String namespace = cluster.namespace();
      OperatorProcess operator = cluster.replica("cronium-operator-0");
      operator.startReady(WAIT);
      long pid = operator.pid();

      IntervalEvents events = new IntervalEvents(namespace, "tick", INTERVAL_EVENTS, INTERVAL,
          Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(3));
      events.create(client, (index, event) -> { });
      client.resource(event(namespace, "worker")).create();
      List<String> inFlight = IntStream.range(0, IN_FLIGHT).mapToObj(i -> "work-" + i).toList();
      inFlight.forEach(name -> client.resource(TestRuns.newRun(namespace, name, "worker")).create());
      Optional<Duration> running = Polling.until(WAIT, () -> inFlight.stream()
          .allMatch(name -> run(client, namespace, name).phase() == JobRunPhase.Running));
      report.put("in_flight_runs_running_before_outage", running.isPresent());

      Instant stoppedAt = Instant.now();
      stop.accept(cluster.controlPlane());
      List<String> duringOutage = watchThrough(operator, stoppedAt.plus(OUTAGE));
      start.accept(cluster.controlPlane());
      Instant restarted = Instant.now();
      // The API server needs a moment to reach a restarted etcd again: the outage ends when it writes.
      KubernetesClient probe = cluster.failFastClient();
      Polling.until(WAIT, () -> probe.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
          .withNewMetadata().withGenerateName("write-probe-").endMetadata().build()).create() != null);
      Instant back = Instant.now();
      Instant windowEnd = back.plus(INTERVAL);
      report.put("outage_s", Duration.between(stoppedAt, restarted).toSeconds())
          .put("api_writes_again_after_restart_ms", Duration.between(restarted, back).toMillis())
          .put("operator_during_outage", duringOutage);

      Optional<Duration> readyAgain = Polling.untilWhileRunning(operator, WAIT, operator::ready);
      report.put("ready_again_after_control_plane_back_ms", millis(readyAgain));
      Optional<Duration> inFlightDone = Polling.untilWhileRunning(operator, WAIT, () -> inFlight.stream()
          .allMatch(name -> run(client, namespace, name).phase().isTerminal()));
      report.put("in_flight_runs_ended_after_control_plane_back_ms", millis(inFlightDone.map(done -> since(back))));
      client.resource(event(namespace, "after-outage")).create();
      client.resource(TestRuns.newRun(namespace, "after-outage-1", "after-outage")).create();
      // The operator's part is the Pod; kube-scheduler, also back from the outage, binds it.
      Optional<Duration> newPod = Polling.untilWhileRunning(operator, WAIT,
          () -> client.pods().inNamespace(namespace).withName("after-outage-1").get() != null);
      report.put("new_event_pod_created_after_control_plane_back_ms", millis(newPod.map(created -> since(back))));
      Optional<Duration> newRunDone = Polling.untilWhileRunning(operator, NEW_RUN_WAIT,
          () -> run(client, namespace, "after-outage-1").phase() == JobRunPhase.Succeeded);
      report.put("new_event_run_succeeded_after_control_plane_back_ms", millis(newRunDone.map(done -> since(back))));

      report.put("schedule_settled_after_ms", millis(Polling.untilWhileRunning(operator, WAIT,
          () -> ScheduleOutcome.settled(client, events, ledger, windowEnd))));
      // A replica that lost its Lease in the outage must take it back or stop reconciling: with the
      // chart's two replicas, the standby takes a Lease nobody renews.
      Optional<Duration> leaseRenewed = Polling.until(LEASE_WAIT, () -> {
        Lease lease = cluster.leaderLease();
        return operator.replica().equals(lease.getSpec().getHolderIdentity())
            && lease.getSpec().getRenewTime().toInstant().isAfter(back);
      });
      report.put("lease_renewed_after_outage", leaseRenewed.isPresent())
          .put("lease_after", Optional.ofNullable(cluster.leaderLease()).map(lease -> "holder "
              + lease.getSpec().getHolderIdentity() + ", renewed " + lease.getSpec().getRenewTime()).orElse("none"));
      ScheduleOutcome outcome = ScheduleOutcome.of(client, events, ledger, windowEnd);
      outcome.addTo(report);
      OperatorLog log = operator.readLog();
      report.put("pid_before", pid).put("pid_after", operator.alive() ? operator.pid() : "exited")
          .put("unexpected_exits", operator.unexpectedExits())
          .put("readiness_after", operator.readiness().map(Object::toString).orElse("no answer"))
          // fabric8 also logs "will stop" for the one-shot informer a log read waits on a Pod with;
          // whether the operator's own informers all watch again is what readiness says.
          .put("informers_given_up_log_lines", log.informersGivenUp())
          .put("informer_problem_log_lines", log.informerProblems().size());

      softly.assertThat(operator.unexpectedExits()).as("operator exits (log: %s)", operator.logFile()).isEmpty();
      softly.assertThat(duringOutage).as("liveness during the outage (a failing one gets the Pod restarted)")
          .noneMatch(sample -> sample.contains("NOT LIVE"));
      softly.assertThat(operator.live()).as("liveness after the outage").isTrue();
      softly.assertThat(operator.alive() && operator.pid() == pid).as("the same operator process runs").isTrue();
      softly.assertThat(readyAgain).as("readiness UP again, every informer watching, within %s", WAIT).isPresent();
      softly.assertThat(operator.ready()).as("readiness UP at the end of the case").isTrue();
      softly.assertThat(leaseRenewed).as("the reconciling operator renews its Lease after the outage (log: %s)",
          operator.logFile()).isPresent();
      softly.assertThat(newPod).as("the operator created the Pod of a run created after the outage").isPresent();
      softly.assertThat(newRunDone).as("a run of an Event created after the outage succeeded").isPresent();
      for (String name : inFlight) {
        JobRun run = run(client, namespace, name);
        softly.assertThat(run).as("%s still exists", name).isNotNull();
        if (run == null) {
          continue;
        }
        softly.assertThat(run.phase()).as("%s phase", name).isEqualTo(JobRunPhase.Succeeded);
        softly.assertThat(run.getStatus() == null ? null : run.getStatus().getReason()).as("%s reason", name)
            .isEqualTo(JobRunReasons.COMPLETED);
        softly.assertThat(run.getStatus() == null ? null : run.getStatus().getExitCode()).as("%s exit code", name)
            .isZero();
      }
      softly.assertThat(Polling.until(Duration.ofSeconds(10), () -> new RunCounts(IN_FLIGHT, 0, 0)
              .equals(client.resources(Event.class).inNamespace(namespace).withName("worker").get()
                  .getStatus().getRunCounts())))
          .as("the worker Event counts its %d runs once each", IN_FLIGHT).isPresent();
      softly.assertThat(outcome.duplicates()).as("slots with more than one run").isEmpty();
      softly.assertThat(outcome.lost()).as("slots with neither a run nor a Missed incident").isEmpty();
      softly.assertThat(outcome.notSucceeded()).as("scheduled runs that did not end Succeeded").isEmpty();
    } finally {
      report.write();
    }
    softly.assertAll();
  }

  /**
   * Samples the operator once a second until {@code until}: the outage itself lasts that long, and
   * what the operator says meanwhile (readiness, liveness, or that it exited) goes into the report.
   */
  private static List<String> watchThrough(OperatorProcess operator, Instant until) throws InterruptedException {
    List<String> changes = new ArrayList<>();
    String last = null;
    Instant start = Instant.now();
    while (Instant.now().isBefore(until)) {
      String now = operator.alive()
          ? operator.readiness().map(r -> (r.up() ? "ready" : "not ready") + (r.notSynced().isEmpty() ? ""
              : " (" + r.notSynced().split(",").length + " informers not synced)")).orElse("no answer")
              + (operator.live() ? ", live" : ", NOT LIVE")
          : "exited";
      if (!now.equals(last)) {
        changes.add("+" + Duration.between(start, Instant.now()).toSeconds() + "s " + now);
        last = now;
      }
      Thread.sleep(1000);
    }
    return changes;
  }

  /** An Event run by hand that keeps all the runs the case checks. */
  private static Event event(String namespace, String name) {
    Event event = TestRuns.bashEvent(name, "echo work");
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setSuccessfulRunsHistoryLimit(IN_FLIGHT);
    return event;
  }

  private static JobRun run(KubernetesClient client, String namespace, String name) {
    return client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
  }

  private static Duration since(Instant then) {
    return Duration.between(then, Instant.now());
  }

  private static String millis(Optional<Duration> duration) {
    return duration.map(d -> String.valueOf(d.toMillis())).orElse("never");
  }
}
