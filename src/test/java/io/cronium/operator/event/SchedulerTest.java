package io.cronium.operator.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.ConcurrencyPolicy;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventReasons;
import io.cronium.api.v1alpha1.Incident;
import io.cronium.api.v1alpha1.IncidentType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.api.v1alpha1.MissedRunPolicy;
import io.cronium.api.v1alpha1.ScheduleSpec;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.status.Conditions;
import io.cronium.operator.status.ReconcileErrors;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ShiftableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API tier: the scheduler in the real operator against the mock API server. The operator's
 * clock is moved forward instead of waiting for slots; touching the Event (an annotation) makes
 * it reconcile at once, as the next-slot timer would.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class SchedulerTest {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ShiftableClock CLOCK = ShiftableClock.INSTANCE;

  @InjectLocalCluster LocalCluster cluster;

  @Inject Operator operator;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  private KubernetesClient client;
  private String namespace;

  @BeforeEach
  void freshNamespace() {
    client = cluster.client();
    namespace = "scheduler-" + NAMESPACES.incrementAndGet();
    cluster.createNamespace(namespace);
    // The Event's creationTimestamp is real time; without this, a real minute boundary passing
    // between creating it and moving the clock would make the scheduler run a slot on its own.
    CLOCK.rewindToMinuteStart(Duration.ofSeconds(10));
  }

  @AfterEach
  void realTimeAgain() {
    CLOCK.reset();
  }

  private Event createEvent(String name, String cron, Consumer<Event> customize) {
    Event event = TestRuns.bashEvent(name, "echo hi");
    event.getMetadata().setNamespace(namespace);
    ScheduleSpec schedule = new ScheduleSpec();
    schedule.setCron(cron);
    event.getSpec().setSchedule(schedule);
    customize.accept(event);
    Event created = client.resource(event).create();
    awaitEvent(name, e -> e.getStatus() != null && condition(e, EventConditions.SUSPENDED) != null);
    return created;
  }

  /** Moves the operator's clock and makes it look at the Event now. */
  private void advanceAndTouch(String eventName, Duration by) {
    CLOCK.advance(by);
    touch(eventName);
  }

  private void touch(String eventName) {
    TestRuns.touch(client, Event.class, namespace, eventName);
  }

  private Event event(String name) {
    return client.resources(Event.class).inNamespace(namespace).withName(name).get();
  }

  private Event awaitEvent(String name, java.util.function.Predicate<Event> condition) {
    return await().atMost(WAIT).until(() -> event(name), e -> e != null && condition.test(e));
  }

  private List<JobRun> runsOf(String eventName) {
    return client.resources(JobRun.class).inNamespace(namespace).list().getItems().stream()
        .filter(run -> run.getSpec().getEventRef().getName().equals(eventName))
        .toList();
  }

  private List<JobRun> scheduledRunsOf(String eventName) {
    return runsOf(eventName).stream().filter(run -> run.getSpec().getScheduledTime() != null).toList();
  }

  private JobRun run(String name) {
    return client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
  }

  private JobRun createManualRun(String name, String eventName) {
    return client.resource(TestRuns.newRun(namespace, name, eventName)).create();
  }

  private Pod awaitPod(String name) {
    return await().atMost(WAIT).until(() -> client.pods().inNamespace(namespace).withName(name).get(), p -> p != null);
  }

  private void finishPod(String name, int exitCode) {
    Pod pod = awaitPod(name);
    TestRuns.writePodStatus(client, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), TestRuns.terminated(exitCode, "{\"exitCode\":" + exitCode + "}"));
  }

  private JobRun awaitPhase(String name, JobRunPhase phase) {
    return await().atMost(WAIT).until(() -> run(name), r -> r != null && r.phase() == phase);
  }

  private static List<IncidentType> incidentTypes(Event event) {
    return event.getStatus().getIncidents().stream().map(Incident::getType).toList();
  }

  private static Condition condition(Event event, String type) {
    return Conditions.find(event.getStatus().getConditions(), type);
  }

  /** The first whole minute after the operator's clock. */
  private static Instant nextMinute() {
    long now = CLOCK.instant().getEpochSecond();
    return Instant.ofEpochSecond(now - now % 60 + 60);
  }

  /**
   * Moves the operator's clock to one second past the next minute slot and returns the slot: a
   * test then has 59 s of real time before another slot comes due.
   */
  private static Instant advanceJustPastNextMinute() {
    Instant slot = nextMinute();
    CLOCK.advance(Duration.between(CLOCK.instant(), slot.plusSeconds(1)));
    return slot;
  }

  @Test
  void aDueSlotGetsExactlyOneRunNamedAfterItHoweverOftenTheEventIsReconciled() throws Exception {
    Event created = createEvent("every-minute", "* * * * *", e -> {});
    Instant slot = advanceJustPastNextMinute();
    touch("every-minute");
    touch("every-minute");
    touch("every-minute");

    String expectedName = "every-minute-" + slot.getEpochSecond() / 60;
    JobRun run = await().atMost(WAIT).until(() -> run(expectedName), r -> r != null);
    assertThat(run.getMetadata().getAnnotations()).containsEntry(JobRunLabels.NOMINAL_TIME, slot.toString());
    assertThat(run.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid()));
    awaitPod(expectedName);
    Event event =
        awaitEvent("every-minute", e -> slot.toString().equals(e.getStatus().getLastScheduleTime()));
    assertThat(event.getStatus().getNextScheduleTime()).isEqualTo(slot.plusSeconds(60).toString());
    assertThat(event.getStatus().getActive()).containsExactly(expectedName);
    await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> runsOf("every-minute").size() == 1);

    String scrape =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(metrics.toString())).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(scrape).contains("cronium_schedule_skew_seconds_count").contains("cronium_schedule_skew_seconds_bucket");
  }

  @Test
  void aRunCreatedJustBeforeACrashIsNeitherCreatedAgainNorLost() {
    Event created = createEvent("crashy", "* * * * *", e -> {});
    Instant slot = nextMinute();
    // What a previous operator left: the slot's run created, the Event's status not yet written.
    client.resource(JobRuns.scheduled(created, slot)).create();

    advanceJustPastNextMinute();
    touch("crashy");

    Event event = awaitEvent("crashy", e -> slot.toString().equals(e.getStatus().getLastScheduleTime()));
    assertThat(event.getStatus().getScheduledRuns()).isEqualTo(1L);
    await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> runsOf("crashy").size() == 1);
  }

  @Test
  void aReconcileThatFailsSaysWhyInAConditionUntilOneSucceeds() {
    // A quota of zero JobRuns: the API server refuses the slot's run with 403.
    ResourceQuota noRuns = new ResourceQuotaBuilder()
        .withNewMetadata().withName("no-runs").withNamespace(namespace).endMetadata()
        .withNewSpec().addToHard("count/jobruns.cronium.io", new Quantity("0")).endSpec()
        .build();
    client.resource(noRuns).create();
    createEvent("quota", "* * * * *", e -> {});
    Instant slot = advanceJustPastNextMinute();
    touch("quota");

    Condition failed = condition(
        awaitEvent("quota", e -> condition(e, ReconcileErrors.CONDITION_TYPE) != null),
        ReconcileErrors.CONDITION_TYPE);
    assertThat(failed.getStatus()).isEqualTo("False");
    assertThat(failed.getReason()).isEqualTo(EventReasons.RECONCILE_ERROR);
    assertThat(failed.getMessage()).startsWith("the API server answered 403: ").contains("no-runs");

    client.resource(noRuns).delete();
    touch("quota");
    awaitEvent("quota", e -> condition(e, ReconcileErrors.CONDITION_TYPE) == null
        && slot.toString().equals(e.getStatus().getLastScheduleTime()));
    assertThat(runsOf("quota")).hasSize(1);
  }

  @Test
  void everyEventAndRunIsReconciledAtLeastEveryFiveMinutes() {
    Map<Class<?>, Optional<Duration>> intervals = new HashMap<>();
    for (RegisteredController<?> controller : operator.getRuntimeInfo().getRegisteredControllers()) {
      ControllerConfiguration<?> configuration = controller.getConfiguration();
      intervals.put(configuration.getResourceClass(), configuration.maxReconciliationInterval());
    }

    assertThat(intervals.get(Event.class)).contains(Duration.ofMinutes(5));
    assertThat(intervals.get(JobRun.class)).contains(Duration.ofMinutes(5));
  }

  @Test
  void informersRetryListAndWatchErrorsInsteadOfStopping() {
    assertThat(operator.getConfigurationService().stopOnInformerErrorDuringStartup()).isFalse();
  }

  @Test
  void forbidSkipsASlotWhileARunIsActiveAndRefusesASecondManualRun() {
    createEvent("forbid", "* * * * *",
        e -> e.getSpec().getSchedule().setConcurrencyPolicy(ConcurrencyPolicy.Forbid));
    createManualRun("forbid-by-hand", "forbid");
    awaitPod("forbid-by-hand");

    advanceJustPastNextMinute();
    touch("forbid");
    Event event = awaitEvent("forbid", e -> incidentTypes(e).contains(IncidentType.SkippedOverlap));
    createManualRun("forbid-second", "forbid");
    JobRun refused = awaitPhase("forbid-second", JobRunPhase.Failed);

    assertThat(scheduledRunsOf("forbid")).isEmpty();
    assertThat(event.getStatus().getIncidents().get(0).getMessage()).contains("Forbid");
    assertThat(refused.getStatus().getReason()).isEqualTo(JobRunReasons.CONCURRENCY_FORBIDDEN);
    assertThat(refused.getStatus().getMessage()).contains("forbid-by-hand");
    assertThat(client.pods().inNamespace(namespace).withName("forbid-second").get()).isNull();
  }

  @Test
  void queueHoldsTheDueRunUntilTheActiveOneEndsThenStartsIt() {
    createEvent("queue", "* * * * *",
        e -> e.getSpec().getSchedule().setConcurrencyPolicy(ConcurrencyPolicy.Queue));
    createManualRun("queue-by-hand", "queue");
    awaitPod("queue-by-hand");

    advanceJustPastNextMinute();
    touch("queue");
    JobRun queued =
        await().atMost(WAIT).until(() -> scheduledRunsOf("queue"), runs -> runs.size() == 1).get(0);
    String queuedName = queued.getMetadata().getName();
    await().atMost(WAIT).until(() -> run(queuedName),
        r -> r.getStatus() != null && JobRunReasons.QUEUED.equals(r.getStatus().getReason()));
    assertThat(client.pods().inNamespace(namespace).withName(queuedName).get()).isNull();

    advanceJustPastNextMinute();
    touch("queue");
    awaitEvent("queue", e -> incidentTypes(e).contains(IncidentType.SkippedOverlap));
    assertThat(scheduledRunsOf("queue")).hasSize(1);

    finishPod("queue-by-hand", 0);
    awaitPhase("queue-by-hand", JobRunPhase.Succeeded);
    awaitPod(queuedName);
  }

  @Test
  void replaceDeletesTheActiveRunAndStartsTheDueOne() {
    createEvent("replace", "* * * * *",
        e -> e.getSpec().getSchedule().setConcurrencyPolicy(ConcurrencyPolicy.Replace));
    createManualRun("replace-by-hand", "replace");
    awaitPod("replace-by-hand");

    advanceJustPastNextMinute();
    touch("replace");

    JobRun due = await().atMost(WAIT).until(() -> scheduledRunsOf("replace"), runs -> runs.size() == 1).get(0);
    awaitPod(due.getMetadata().getName());
    await().atMost(WAIT).until(() -> run("replace-by-hand") == null);
  }

  @Test
  void allowLetsRunsOverlap() {
    createEvent("allow", "* * * * *", e -> {});
    createManualRun("allow-by-hand", "allow");
    awaitPod("allow-by-hand");

    advanceJustPastNextMinute();
    touch("allow");

    JobRun due = await().atMost(WAIT).until(() -> scheduledRunsOf("allow"), runs -> runs.size() == 1).get(0);
    awaitPod(due.getMetadata().getName());
    Event event = awaitEvent("allow", e -> e.getStatus().getActive().size() == 2);
    assertThat(event.getStatus().getActive()).contains("allow-by-hand", due.getMetadata().getName());
  }

  @Test
  void runAllCatchesUpTheLatest25SlotsAndRecordsTheOverflow() {
    createEvent("catchup", "* * * * *",
        e -> e.getSpec().getSchedule().setMissedRunPolicy(MissedRunPolicy.RunAll));

    advanceJustPastNextMinute();
    advanceAndTouch("catchup", Duration.ofMinutes(29));

    await().atMost(WAIT).until(() -> scheduledRunsOf("catchup").size() == 25);
    // The incidents are stored before the runs are created, the count after they are seen.
    Event event = awaitEvent("catchup", e -> Long.valueOf(25).equals(e.getStatus().getScheduledRuns()));
    assertThat(incidentTypes(event)).contains(IncidentType.CatchupOverflow);
  }

  @Test
  void runOnceRunsOnlyTheLatestMissedSlotAndRecordsTheOthers() {
    createEvent("runonce", "* * * * *", e -> {});

    Instant latest = advanceJustPastNextMinute().plus(Duration.ofMinutes(9));
    advanceAndTouch("runonce", Duration.ofMinutes(9));

    Event event = awaitEvent("runonce", e -> incidentTypes(e).contains(IncidentType.Missed));
    assertThat(event.getStatus().getIncidents().get(0).getMessage()).contains("(missedRunPolicy RunOnce)");
    assertThat(scheduledRunsOf("runonce")).singleElement()
        .satisfies(r -> assertThat(r.getSpec().getScheduledTime()).isEqualTo(latest.toString()));
  }

  @Test
  void startingDeadlineDropsSlotsThatAreTooLate() {
    createEvent("deadline", "0 * * * *", e -> e.getSpec().getSchedule().setStartingDeadlineSeconds(60L));

    advanceAndTouch("deadline", Duration.ofHours(2));

    Event event = awaitEvent("deadline", e -> incidentTypes(e).contains(IncidentType.Missed));
    Instant lastHour = Instant.ofEpochSecond(CLOCK.instant().getEpochSecond() / 3600 * 3600);
    boolean lastSlotStillOnTime = CLOCK.instant().isBefore(lastHour.plusSeconds(60));
    assertThat(scheduledRunsOf("deadline")).hasSize(lastSlotStillOnTime ? 1 : 0);
    assertThat(event.getStatus().getIncidents().get(0).getMessage()).contains("startingDeadlineSeconds (60s)");
  }

  @Test
  void suspendedEventsCreateNoRunsUntilResumed() {
    createEvent("paused", "* * * * *", e -> e.getSpec().setSuspend(true));

    advanceJustPastNextMinute();
    touch("paused");
    Event suspended =
        awaitEvent("paused", e -> "True".equals(condition(e, EventConditions.SUSPENDED).getStatus()));
    assertThat(suspended.getStatus().getNextScheduleTime()).isNull();
    assertThat(runsOf("paused")).isEmpty();

    client.resources(Event.class).inNamespace(namespace).withName("paused")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":false}}");
    await().atMost(WAIT).until(() -> scheduledRunsOf("paused").size() == 1);
  }

  @Test
  void maxExecutionsPausesTheEventAndManualRunsStillWork() {
    createEvent("twice", "* * * * *", e -> e.getSpec().setMaxExecutions(2L));
    createManualRun("twice-by-hand", "twice");

    advanceJustPastNextMinute();
    touch("twice");
    await().atMost(WAIT).until(() -> scheduledRunsOf("twice").size() == 1);
    advanceJustPastNextMinute();
    touch("twice");
    Event paused = awaitEvent("twice", e -> incidentTypes(e).contains(IncidentType.AutoPaused));
    advanceJustPastNextMinute();
    touch("twice");

    await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> scheduledRunsOf("twice").size() == 2);
    assertThat(condition(paused, EventConditions.SUSPENDED).getReason())
        .isEqualTo(EventReasons.MAX_EXECUTIONS_REACHED);
    assertThat(paused.getStatus().getNextScheduleTime()).isNull();
    createManualRun("twice-by-hand-2", "twice");
    awaitPod("twice-by-hand-2");
  }

  @Test
  void historyLimitsDeleteTheOldestFinishedRuns() {
    createEvent("history", "0 0 1 1 *", e -> {
      e.getSpec().setSuccessfulRunsHistoryLimit(1);
      e.getSpec().setFailedRunsHistoryLimit(1);
    });
    for (String name : List.of("history-ok-1", "history-ok-2", "history-bad-1", "history-bad-2")) {
      createManualRun(name, "history");
      finishPod(name, name.contains("ok") ? 0 : 1);
      awaitPhase(name, name.contains("ok") ? JobRunPhase.Succeeded : JobRunPhase.Failed);
    }

    await().atMost(WAIT).until(() -> runsOf("history").stream().map(r -> r.getMetadata().getName()).toList(),
        names -> names.size() == 2 && names.containsAll(List.of("history-ok-2", "history-bad-2")));
    Event event = awaitEvent("history", e -> e.getStatus().getRunCounts().getSucceeded() == 2);
    assertThat(event.getStatus().getRunCounts().getFailed()).isEqualTo(2);
    // The garbage collector removes a deleted run's Pod through its owner reference.
    await().atMost(TestRuns.GARBAGE_COLLECTION_WAIT).until(() -> client.pods().inNamespace(namespace).withName("history-ok-1").get() == null);
  }

  @Test
  void anInvalidScheduleGivesAConditionAndOneIncident() {
    Event event = TestRuns.bashEvent("never", "echo hi");
    event.getMetadata().setNamespace(namespace);
    ScheduleSpec schedule = new ScheduleSpec();
    schedule.setCron("0 0 30 2 *");
    event.getSpec().setSchedule(schedule);
    client.resource(event).create();

    Event invalid =
        awaitEvent("never", e -> e.getStatus() != null && condition(e, EventConditions.SCHEDULE_VALID) != null);
    touch("never");
    touch("never");

    Condition valid = condition(invalid, EventConditions.SCHEDULE_VALID);
    assertThat(valid.getStatus()).isEqualTo("False");
    assertThat(valid.getReason()).isEqualTo(EventReasons.INVALID_SCHEDULE);
    assertThat(valid.getMessage()).contains("never fire");
    await().during(Duration.ofSeconds(1)).atMost(WAIT)
        .until(() -> incidentTypes(event("never")), types -> types.equals(List.of(IncidentType.InvalidSchedule)));
  }

  @Test
  void aRunMadeByHandIsAdoptedCountedAndShownActive() {
    Event created = createEvent("adopt", "0 0 1 1 *", e -> {});

    createManualRun("adopt-by-hand", "adopt");

    JobRun adopted = await().atMost(WAIT).until(() -> run("adopt-by-hand"),
        r -> !r.getMetadata().getOwnerReferences().isEmpty());
    assertThat(adopted.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(adopted.getMetadata().getLabels()).containsEntry(JobRunLabels.EVENT, "adopt");
    awaitEvent("adopt", e -> e.getStatus().getActive().contains("adopt-by-hand"));
    finishPod("adopt-by-hand", 0);
    awaitEvent("adopt", e -> e.getStatus().getRunCounts().getSucceeded() == 1 && e.getStatus().getActive().isEmpty());
  }
}
