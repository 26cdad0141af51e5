package io.cronium.operator.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.ScheduleSpec;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.RequestTally;
import io.cronium.operator.action.ActionRunner;
import io.cronium.operator.action.tool.ToolSender;
import io.cronium.operator.config.LeaderElectionProducer;
import io.cronium.operator.jobrun.JobRunReconciler;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.observability.ActionMetrics;
import io.cronium.operator.observability.EventReporter;
import io.cronium.operator.observability.KubernetesEventRecorder;
import io.cronium.operator.observability.RunMetrics;
import io.cronium.operator.observability.RunReporter;
import io.cronium.operator.observability.ScheduleMetrics;
import io.cronium.operator.testing.DefaultSettings;
import io.cronium.operator.testing.ShiftableClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas with leader election against one API server: exactly one schedules, and
 * when it stops the other takes over within 20 s (production lease timings) and runs the slot
 * that came due meanwhile, without a duplicate.
 */
class LeaderElectionTest {

  private static final String NAMESPACE = "leader-election";
  /** The replicas' clients default to this namespace, so their Lease lives here. */
  private static final String LEASE_NAMESPACE = "default";

  private final ShiftableClock clock = new ShiftableClock();
  private LocalCluster cluster;
  private final Map<String, RequestTally> requestsOf = new java.util.HashMap<>();
  private final Map<String, Operator> replicas = new java.util.LinkedHashMap<>();

  @BeforeEach
  void startCluster() {
    cluster = LocalCluster.builder().crds(Path.of("crds")).start();
    cluster.createNamespace(NAMESPACE);
  }

  @AfterEach
  void stopAll() {
    replicas.values().forEach(Operator::stop);
    cluster.close();
  }

  private void startReplica(String identity) {
    DefaultSettings settings = new DefaultSettings(identity);
    // Each replica its own user, so the API server's audit log tells their requests apart.
    KubernetesClient client = cluster.controlPlane().newClient(
        cluster.controlPlane().userConfig(identity, List.of(ControlPlane.MASTERS)));
    requestsOf.put(identity, cluster.requests(identity::equals));
    Operator operator =
        new Operator(
            config ->
                config
                    .withKubernetesClient(client)
                    .withLeaderElectionConfiguration(
                        LeaderElectionProducer.configuration(settings.leaderElection())));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KubernetesEventRecorder events = new KubernetesEventRecorder(client, clock, identity);
    operator.register(new EventReconciler(clock, new ScheduleMetrics(registry), new EventReporter(events)));
    ActionRunner actions =
        new ActionRunner(clock, new ToolSender(settings), new ActionMetrics(registry), events);
    operator.register(
        new JobRunReconciler(settings, clock, new RunReporter(events, new RunMetrics(registry)), actions));
    operator.start();
    replicas.put(identity, operator);
  }

  private String leaseHolder() {
    Lease lease =
        cluster.client().resources(Lease.class).inNamespace(LEASE_NAMESPACE).withName("cronium-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private Set<String> runSlots() {
    return cluster.client().resources(JobRun.class).inNamespace(NAMESPACE).list().getItems().stream()
        .map(run -> run.getSpec().getScheduledTime())
        .collect(Collectors.toSet());
  }

  private List<JobRun> runs() {
    return cluster.client().resources(JobRun.class).inNamespace(NAMESPACE).list().getItems();
  }

  /** Moves the clock to one second after the next five-minute slot and returns that slot. */
  private Instant advanceJustPastNextSlot() {
    long now = clock.instant().getEpochSecond();
    Instant slot = Instant.ofEpochSecond(now - now % 300 + 300);
    clock.advance(Duration.between(clock.instant(), slot.plusSeconds(1)));
    return slot;
  }

  @Test
  void exactlyOneReplicaSchedulesAndTheOtherTakesOverWithoutDuplicateOrLostSlot() {
    startReplica("replica-a");
    startReplica("replica-b");
    String leader = await().atMost(Duration.ofSeconds(20)).until(this::leaseHolder, holder -> holder != null);
    String follower = leader.equals("replica-a") ? "replica-b" : "replica-a";

    Event event = TestRuns.bashEvent("ticker", "echo tick");
    event.getMetadata().setNamespace(NAMESPACE);
    ScheduleSpec schedule = new ScheduleSpec();
    // Five-minute slots: the takeover (up to 20 s of real time) cannot reach the next slot.
    schedule.setCron("*/5 * * * *");
    event.getSpec().setSchedule(schedule);
    cluster.client().resource(event).create();
    await().atMost(Duration.ofSeconds(20)).until(
        () -> cluster.client().resources(Event.class).inNamespace(NAMESPACE).withName("ticker").get(),
        e -> e.getStatus() != null && e.getStatus().getNextScheduleTime() != null);

    Instant firstSlot = advanceJustPastNextSlot();
    touchEvent();
    await().atMost(Duration.ofSeconds(20)).until(() -> runSlots().equals(Set.of(firstSlot.toString())));
    // Only the leader creates runs: a follower trying too would show up as its own POST.
    assertThat(requestsOf.get(follower).snapshot()).doesNotContainKey("POST jobruns");

    // The leader stops; a slot comes due before anyone holds the lease.
    long stoppedAt = System.nanoTime();
    replicas.remove(leader).stop();
    Instant secondSlot = advanceJustPastNextSlot();

    await().atMost(Duration.ofSeconds(20)).until(() -> follower.equals(leaseHolder()));
    Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);
    await().atMost(Duration.ofSeconds(20))
        .until(() -> runSlots().equals(Set.of(firstSlot.toString(), secondSlot.toString())));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> runs().size() == 2);
    assertThat(takeover).isLessThan(Duration.ofSeconds(20));
    assertThat(requestsOf.get(leader).snapshot()).containsEntry("POST jobruns", 1L);
    System.out.printf("leader election: takeover after %d ms%n", takeover.toMillis());
  }

  private void touchEvent() {
    TestRuns.touch(cluster.client(), Event.class, NAMESPACE, "ticker");
  }
}
