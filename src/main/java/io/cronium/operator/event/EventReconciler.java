package io.cronium.operator.event;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.Incident;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.operator.action.ActionConditions;
import io.cronium.operator.action.ActionGraph;
import io.cronium.tools.ToolSecrets;
import io.cronium.operator.cache.EventStore;
import io.cronium.operator.cache.RunWithoutResultStore;
import io.cronium.operator.leadership.Leadership;
import io.cronium.operator.observability.EventReporter;
import io.cronium.operator.observability.ScheduleMetrics;
import io.cronium.operator.status.Conditions;
import io.cronium.operator.status.ReconcileErrors;
import io.cronium.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Schedules an Event's runs and keeps its status in step with its JobRuns: adopts runs made by
 * hand, creates the run of each due slot, prunes finished runs beyond the history limits, and
 * asks to be woken at the next slot. Each reconcile recomputes everything from the Event, its
 * JobRuns and the clock; {@link SchedulePlanner} decides, this class only does the writes.
 */
// Not generation-aware: a user's touch (an annotation) and our own status writes re-run the
// plan, which is idempotent; the next-slot timer alone would miss clock changes in tests.
@ControllerConfiguration(
    generationAwareEventProcessing = false,
    informer = @Informer(itemStore = EventStore.class),
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = ReconcileErrors.MAX_INTERVAL_MINUTES, timeUnit = TimeUnit.MINUTES))
@RBACRule(apiGroups = "", resources = "secrets", verbs = "get")
public class EventReconciler implements Reconciler<Event> {

  /** The informer whose Event changes re-check runEvent chains. */
  private static final String ACTION_CHAINS = "actionChains";

  private static final Logger LOG = Logger.getLogger(EventReconciler.class);

  /** Incidents kept in status: enough to answer "why didn't it run?", bounded in size. */
  static final int INCIDENT_LIMIT = 20;

  private static final Duration MAX_INTERVAL = Duration.ofMinutes(ReconcileErrors.MAX_INTERVAL_MINUTES);

  private final Clock clock;
  private final ScheduleMetrics metrics;
  private final EventReporter reporter;
  private final Leadership leadership;

  public EventReconciler(Clock clock, ScheduleMetrics metrics, EventReporter reporter, Leadership leadership) {
    this.clock = clock;
    this.metrics = metrics;
    this.reporter = reporter;
    this.leadership = leadership;
  }

  @Override
  public List<EventSource<?, Event>> prepareEventSources(EventSourceContext<Event> context) {
    IndexerResourceCache<Event> events = context.getPrimaryCache();
    // Another Event appearing, going or changing its actions can close or open a runEvent loop.
    InformerEventSource<Event, Event> chainNeighbours =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Event.class, Event.class)
                .withName(ACTION_CHAINS)
                .withItemStore(new EventStore())
                // Only a spec change moves an edge.
                .withOnUpdateFilter(EventUpdates::specChanged)
                .withSecondaryToPrimaryMapper(
                    changed -> events.list(changed.getMetadata().getNamespace(),
                            event -> ActionGraph.actionsOf(event).stream().anyMatch(a -> a.getRunEvent() != null))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(),
            context);
    // JobRuns name their Event in spec.eventRef; hand-made runs carry no owner reference yet.
    return List.of(
        chainNeighbours,
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(JobRun.class, Event.class)
                .withItemStore(new RunWithoutResultStore())
                .withInformerListLimit(RunWithoutResultStore.LIST_PAGE)
                .withSecondaryToPrimaryMapper(
                    run ->
                        run.getSpec() == null || run.getSpec().getEventRef() == null
                            ? Set.of()
                            : Set.of(
                                new ResourceID(
                                    run.getSpec().getEventRef().getName(),
                                    run.getMetadata().getNamespace())))
                .build(),
            context));
  }

  @Override
  public UpdateControl<Event> reconcile(Event reconciled, Context<Event> context) {
    if (!leadership.leading()) {
      return UpdateControl.<Event>noUpdate().rescheduleAfter(leadership.retryPeriod());
    }
    Event event = reconciled;
    KubernetesClient client = context.getClient();
    Instant now = clock.instant();
    List<JobRun> runs =
        context.getSecondaryResources(JobRun.class).stream()
            .filter(run -> belongsTo(run, reconciled))
            .toList();
    runs.stream()
        .filter(run -> !JobRuns.isOwnedBy(run, reconciled))
        .forEach(run -> adopt(client, run, reconciled));

    SchedulePlan plan = SchedulePlanner.plan(event, runs, now);
    plan.newIncidents().forEach(incident -> metrics.incident(incident.getType()));
    if (!plan.newIncidents().isEmpty() && !plan.slotsToRun().isEmpty()) {
      // Incidents are facts no later reconcile can rebuild: once the newest slot's run exists,
      // the older slots it passed over count as handled. So they are stored before any run is
      // created; a crash in between finds the same incidents again, and they are kept once.
      Optional<Event> explained = writeIncidents(event, plan.newIncidents(), runs, context);
      if (explained.isEmpty()) {
        return UpdateControl.noUpdate();
      }
      event = explained.get();
    }
    List<JobRun> current = new ArrayList<>(runs);
    for (Instant slot : plan.slotsToRun()) {
      current.add(createScheduledRun(client, event, slot));
    }
    List<JobRun> expired = RunHistory.beyondLimits(event, current);
    expired.forEach(run -> delete(client, run));
    current.removeAll(expired);

    List<Condition> conditions = new ArrayList<>(plan.conditions());
    conditions.addAll(ActionConditions.of(event, actionGraph(event, context),
        toolSecrets(client, event)));
    EventStatus next = statusOf(event, current, plan, conditions, now);
    // Runs just created reach the informer in a moment and wake this Event again; that
    // reconcile sees them and writes the same status. Waiting for it keeps a burst of due
    // slots to one write each while the runs are created (their incidents are stored already).
    boolean statusFollowsFromNewRuns = !plan.slotsToRun().isEmpty();
    EventStatus before = event.getStatus();
    if (!statusFollowsFromNewRuns && !next.equals(before)) {
      event.setStatus(next);
      if (StatusWriter.write(event, context)) {
        reporter.statusWritten(event, before, current);
      }
    }
    // A next slot beyond the maximum reconciliation interval is left to that interval, so that a
    // weekly Event is still looked at every few minutes (a missed watch event heals by then).
    UpdateControl<Event> control = UpdateControl.noUpdate();
    return plan.wakeUpAfter()
        .filter(delay -> delay.compareTo(MAX_INTERVAL) < 0)
        .map(control::rescheduleAfter)
        .orElse(control);
  }

  /**
   * A reconcile threw: say so in a Reconciled=False condition, written as every status write is
   * (a conflict means a newer Event reconciles anyway). The next reconcile that succeeds rebuilds
   * the conditions without it.
   */
  @Override
  public ErrorStatusUpdateControl<Event> updateErrorStatus(Event event, Context<Event> context, Exception e) {
    EventStatus status = event.getStatus() == null ? new EventStatus() : event.getStatus();
    Condition failed = ReconcileErrors.condition(e, context.getRetryInfo());
    if (Conditions.holds(status.getConditions(), failed)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    List<Condition> conditions = new ArrayList<>(status.getConditions());
    conditions.removeIf(condition -> ReconcileErrors.CONDITION_TYPE.equals(condition.getType()));
    conditions.add(failed);
    status.setConditions(
        Conditions.merge(status.getConditions(), conditions, event.getMetadata().getGeneration(), clock.instant()));
    event.setStatus(status);
    StatusWriter.write(event, context);
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private EventStatus statusOf(
      Event event, List<JobRun> runs, SchedulePlan plan, List<Condition> conditions, Instant now) {
    EventStatus previous = event.getStatus() == null ? new EventStatus() : event.getStatus();
    Long generation = event.getMetadata().getGeneration();
    EventStatus next = EventStatusCalculator.calculate(previous, generation, runs);
    next.setLastScheduleTime(plan.lastScheduleTime().map(Instant::toString).orElse(null));
    next.setLastHandledSlot(plan.lastHandledSlot().map(Instant::toString).orElse(null));
    next.setNextScheduleTime(plan.nextScheduleTime().map(Instant::toString).orElse(null));
    next.setScheduledRuns(plan.scheduledRuns());
    next.setConditions(Conditions.merge(previous.getConditions(), conditions, generation, now));
    next.setIncidents(appended(previous.getIncidents(), plan.newIncidents()));
    return next;
  }

  /** {@code added} after {@code previous}, each once (a retried pass finds the same), the newest kept. */
  private static List<Incident> appended(List<Incident> previous, List<Incident> added) {
    List<Incident> incidents = new ArrayList<>(previous);
    added.stream().filter(incident -> previous.stream().noneMatch(old -> sameFact(old, incident))).forEach(incidents::add);
    return List.copyOf(incidents.subList(Math.max(0, incidents.size() - INCIDENT_LIMIT), incidents.size()));
  }

  private static boolean sameFact(Incident a, Incident b) {
    return a.getType() == b.getType()
        && Objects.equals(a.getSlot(), b.getSlot())
        && Objects.equals(a.getMessage(), b.getMessage());
  }

  /** Stores {@code incidents} alone; empty when the Event changed meanwhile (that change reconciles). */
  private Optional<Event> writeIncidents(
      Event event, List<Incident> incidents, List<JobRun> runs, Context<Event> context) {
    EventStatus before = event.getStatus() == null ? new EventStatus() : event.getStatus();
    EventStatus explained = context.getClient().getKubernetesSerialization().clone(before);
    explained.setIncidents(appended(before.getIncidents(), incidents));
    event.setStatus(explained);
    Optional<Event> written = StatusWriter.writeAndGet(event, context);
    written.ifPresent(stored -> reporter.statusWritten(stored, before, runs));
    return written;
  }

  /**
   * Creates the run for {@code slot}. Its name is derived from the slot, so AlreadyExists means
   * this slot's run exists (made before a crash or by another replica): that is success.
   */
  private JobRun createScheduledRun(KubernetesClient client, Event event, Instant slot) {
    JobRun run = JobRuns.scheduled(event, slot);
    try {
      JobRun created = client.resource(run).create();
      metrics.runCreated(Duration.between(slot, clock.instant()));
      LOG.infof("created JobRun %s/%s for slot %s", created.getMetadata().getNamespace(),
          created.getMetadata().getName(), slot);
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      JobRun existing = client.resource(run).get();
      return existing != null ? existing : run;
    }
  }

  /**
   * The labelled tool Secrets the Event uses (notify actions, spec.tools), each read by name: the operator may
   * get Secrets but neither list nor watch them, so a fixed Secret shows on the Event's next
   * reconcile (within the maximum interval, or at once after {@code kubectl cronium test-tool}).
   */
  private static List<Secret> toolSecrets(KubernetesClient client, Event event) {
    return ActionConditions.toolsOf(event).stream()
        .map(name -> client.secrets().inNamespace(event.getMetadata().getNamespace()).withName(name).get())
        .filter(secret -> secret != null && secret.getMetadata().getLabels() != null
            && secret.getMetadata().getLabels().containsKey(ToolSecrets.TYPE_LABEL))
        .toList();
  }

  /**
   * Makes a hand-made run the Event's, so it is deleted with the Event and found by its label.
   * A conflict means the run changed meanwhile; that change reconciles again and retries.
   */
  private static void adopt(KubernetesClient client, JobRun run, Event event) {
    OwnerReference owner = JobRuns.ownerReference(event);
    // edit() changes the object it is given: a copy, so the cached run stays as the informer left it.
    JobRun copy = client.getKubernetesSerialization().clone(run);
    try {
      client.resource(copy).edit(r -> {
        r.getMetadata().getOwnerReferences().add(owner);
        r.getMetadata().getLabels().put(JobRunLabels.EVENT, event.getMetadata().getName());
        return r;
      });
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      LOG.debugf("JobRun %s changed while being adopted; adopting on the next reconcile",
          run.getMetadata().getName());
    }
  }

  private static void delete(KubernetesClient client, JobRun run) {
    // Background propagation: the garbage collector then deletes the run's Pod.
    client.resource(run).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  /** Runs of an earlier Event of the same name (owned by another UID) are not this Event's. */
  private static boolean belongsTo(JobRun run, Event event) {
    Set<String> controllers = new HashSet<>();
    run.getMetadata().getOwnerReferences().stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .forEach(ref -> controllers.add(ref.getUid()));
    return controllers.isEmpty() || controllers.contains(event.getMetadata().getUid());
  }

  /**
   * The namespace's runEvent graph over the Events as the chain informer has them, with
   * {@code event} as reconciled. A neighbour whose change woke this Event is in that informer's
   * cache even before the primary cache has it; reading the primary cache instead could miss it
   * and leave a loop unreported.
   */
  @SuppressWarnings("unchecked")
  private static ActionGraph actionGraph(Event event, Context<Event> context) {
    InformerEventSource<Event, Event> chains = (InformerEventSource<Event, Event>)
        context.eventSourceRetriever().getEventSourceFor(Event.class, ACTION_CHAINS);
    String name = event.getMetadata().getName();
    String namespace = event.getMetadata().getNamespace();
    return ActionGraph.over(other -> other.equals(name)
        ? Optional.of(event)
        : chains.get(new ResourceID(other, namespace)));
  }

}
