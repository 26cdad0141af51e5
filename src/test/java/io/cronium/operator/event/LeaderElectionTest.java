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
import io.cronium.operator.action.SendQueue;
import io.cronium.operator.jobrun.JobRunReconciler;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.leadership.Leadership;
import io.cronium.operator.observability.ActionMetrics;
import io.cronium.operator.observability.EventReporter;
import io.cronium.operator.observability.KubernetesEventRecorder;
import io.cronium.operator.observability.RunMetrics;
import io.cronium.operator.observability.RunReporter;
import io.cronium.operator.observability.ScheduleMetrics;
import io.cronium.operator.testing.DefaultSettings;
import io.cronium.operator.testing.ShiftableClock;
import io.cronium.operator.webhook.WebhookEvents;
import io.cronium.tools.TargetGuard;
import io.cronium.tools.ToolSender;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Operator replicas with leader election against one API server (production lease timings):
 * exactly one schedules, and when it stops the other takes over within 20 s and runs the slot that
 * came due meanwhile, without a duplicate; a leader that lost the Lease stands still until it wins
 * it again, in the same process.
 */
class LeaderElectionTest {

  /** The replicas' clients default to this namespace, so their Lease lives here. */
  private static final String LEASE_NAMESPACE = "default";

  private final ShiftableClock clock = new ShiftableClock();
  private final Vertx vertx = Vertx.vertx();
  private LocalCluster cluster;
  /** Each test its own: a namespace deleted by the last test may still be being emptied. */
  private String namespace;
  private final Map<String, RequestTally> requestsOf = new java.util.HashMap<>();
  private final Map<String, Operator> replicas = new java.util.LinkedHashMap<>();
  private final Map<String, Leadership> leadershipOf = new java.util.HashMap<>();

  private void startCluster(String namespace) {
    this.namespace = namespace;
    cluster = LocalCluster.builder().crds(Path.of("crds")).start();
    cluster.createNamespace(namespace);
  }

  @AfterEach
  void stopAll() {
    replicas.keySet().forEach(this::stopReplica);
    cluster.close();
    vertx.close();
  }

  /** As on shutdown: campaigning ends before the operator stops and releases the Lease. */
  private void stopReplica(String identity) {
    leadershipOf.remove(identity).close();
    replicas.get(identity).stop();
  }

  private void startReplica(String identity) {
    DefaultSettings settings = new DefaultSettings(identity);
    // Each replica its own user, so the API server's audit log tells their requests apart.
    KubernetesClient client = cluster.controlPlane().newClient(
        cluster.controlPlane().userConfig(identity, List.of(ControlPlane.MASTERS)));
    requestsOf.put(identity, cluster.requests(identity::equals));
    Leadership leadership = new Leadership(client, settings.leaderElection());
    leadershipOf.put(identity, leadership);
    Operator operator =
        new Operator(
            config ->
                config
                    .withKubernetesClient(client)
                    .withLeaderElectionConfiguration(leadership.configuration()));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KubernetesEventRecorder events = new KubernetesEventRecorder(client, clock, identity);
    operator.register(new EventReconciler(clock, new ScheduleMetrics(registry), new EventReporter(events), leadership));
    ActionRunner actions =
        new ActionRunner(clock, new ToolSender(new TargetGuard(settings.actions().allowPrivateTargets()), vertx), new ActionMetrics(registry), events, new SendQueue());
    operator.register(
        new JobRunReconciler(settings, clock, new RunReporter(events, new RunMetrics(registry)), actions,
            leadership));
    operator.start();
    replicas.put(identity, operator);
  }

  private String leaseHolder() {
    Lease lease =
        cluster.client().resources(Lease.class).inNamespace(LEASE_NAMESPACE).withName("cronium-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private Set<String> runSlots() {
    return cluster.client().resources(JobRun.class).inNamespace(namespace).list().getItems().stream()
        .map(run -> run.getSpec().getScheduledTime())
        .collect(Collectors.toSet());
  }

  private List<JobRun> runs() {
    return cluster.client().resources(JobRun.class).inNamespace(namespace).list().getItems();
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
    startCluster("leader-election");
    startReplica("replica-a");
    startReplica("replica-b");
    String leader = await().atMost(Duration.ofSeconds(20)).until(this::leaseHolder, holder -> holder != null);
    String follower = leader.equals("replica-a") ? "replica-b" : "replica-a";

    createTicker();
    // The webhook endpoint answers on every replica behind the Service: the standby's Event cache
    // is filled too, since JOSDK starts informers before the Lease is won.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        new WebhookEvents(replicas.get(follower)).find(namespace, "ticker")).isPresent());

    Instant firstSlot = advanceJustPastNextSlot();
    touchEvent();
    await().atMost(Duration.ofSeconds(20)).until(() -> runSlots().equals(Set.of(firstSlot.toString())));
    // Only the leader creates runs: a follower trying too would show up as its own POST.
    assertThat(requestsOf.get(follower).snapshot()).doesNotContainKey("POST jobruns");

    // The leader stops; a slot comes due before anyone holds the lease.
    long stoppedAt = System.nanoTime();
    stopReplica(leader);
    replicas.remove(leader);
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

  @Test
  void aLeaderThatLostTheLeaseStandsStillUntilItWinsItAgain() {
    startCluster("lease-loss");
    startReplica("replica-a");
    await().atMost(Duration.ofSeconds(20)).until(() -> "replica-a".equals(leaseHolder()));
    createTicker();

    // Another holder takes the Lease, as one would while this replica was cut off from the API server.
    Lease lease =
        cluster.client().resources(Lease.class).inNamespace(LEASE_NAMESPACE).withName("cronium-operator").get();
    lease.getSpec().setHolderIdentity("intruder");
    lease.getSpec().setLeaseDurationSeconds(3600);
    lease.getSpec().setRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
    cluster.client().resource(lease).update();
    await().atMost(Duration.ofSeconds(20)).until(() -> !leadershipOf.get("replica-a").leading());

    // A slot comes due; the replica's controllers still run, and pass over the Event every 2 s.
    Instant slot = advanceJustPastNextSlot();
    touchEvent();
    await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
    assertThat(runSlots()).as("runs created without the Lease").isEmpty();
    assertThat(requestsOf.get("replica-a").snapshot()).doesNotContainKey("POST jobruns");

    // The intruder lets go: the same process wins the Lease again and runs the slot, once.
    cluster.client().resource(lease).delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> runSlots().equals(Set.of(slot.toString())));
    assertThat(leaseHolder()).isEqualTo("replica-a");
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> runs().size() == 1);
  }

  /** An Event on five-minute slots: a takeover (up to 20 s of real time) cannot reach the next slot. */
  private void createTicker() {
    Event event = TestRuns.bashEvent("ticker", "echo tick");
    event.getMetadata().setNamespace(namespace);
    ScheduleSpec schedule = new ScheduleSpec();
    schedule.setCron("*/5 * * * *");
    event.getSpec().setSchedule(schedule);
    cluster.client().resource(event).create();
    await().atMost(Duration.ofSeconds(20)).until(
        () -> cluster.client().resources(Event.class).inNamespace(namespace).withName("ticker").get(),
        e -> e.getStatus() != null && e.getStatus().getNextScheduleTime() != null);
  }

  private void touchEvent() {
    TestRuns.touch(cluster.client(), Event.class, namespace, "ticker");
  }
}
