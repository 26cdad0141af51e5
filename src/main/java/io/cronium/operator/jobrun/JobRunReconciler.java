package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.ConcurrencyPolicy;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventReference;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRunSpec;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.contract.ReceivedResult;
import io.cronium.operator.action.ActionRunner;
import io.cronium.operator.action.ActionSnapshot;
import io.cronium.operator.action.tool.KubernetesToolSecrets;
import io.cronium.operator.cache.EventStore;
import io.cronium.operator.cache.PodWithoutEnvStore;
import io.cronium.operator.cache.RunWithoutResultStore;
import io.cronium.operator.concurrency.ConcurrencyGate;
import io.cronium.operator.config.OperatorSettings;
import io.cronium.operator.event.EventUpdates;
import io.cronium.operator.leadership.Leadership;
import io.cronium.operator.observability.RunReporter;
import io.cronium.operator.status.ReconcileErrors;
import io.cronium.operator.status.StatusWriter;
import io.cronium.operator.validation.EventSpecCheck;
import io.cronium.operator.variables.VariableChanges;
import io.cronium.operator.variables.VariableStore;
import io.cronium.operator.variables.VariablesNotSavedException;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a JobRun: creates its one Pod, then mirrors the Pod into the JobRun's status until the
 * run reaches a terminal phase. Each reconcile recomputes from the JobRun and its Pod.
 */
@RBACRule(apiGroups = "", resources = "pods", verbs = {"get", "list", "watch", "create", "patch", "delete"})
@RBACRule(apiGroups = "", resources = "pods/log", verbs = "get")
@RBACRule(apiGroups = "events.k8s.io", resources = "events", verbs = "create")
// Notify actions read their tool Secret when they fire; a run's Pod is built with the type
// labels of the tool Secrets its Event lists.
@RBACRule(apiGroups = "", resources = "secrets", verbs = "get")
@RBACRule(apiGroups = "", resources = "configmaps", verbs = {"get", "create", "update"})
// Not generation-aware: a metadata change (the Event adopting a run) can make our status write
// conflict, and StatusWriter relies on that change's event to reconcile again.
@ControllerConfiguration(
    generationAwareEventProcessing = false,
    informer = @Informer(itemStore = RunWithoutResultStore.class, informerListLimit = RunWithoutResultStore.LIST_PAGE),
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = ReconcileErrors.MAX_INTERVAL_MINUTES, timeUnit = TimeUnit.MINUTES))
public class JobRunReconciler implements Reconciler<JobRun> {

  /** Primary-cache index: the runs of one Event, for the concurrency gate. */
  private static final String BY_EVENT = "byEvent";

  private final JobPodBuilder podBuilder;
  private final PodStatusTranslator translator;
  private final OperatorSettings settings;
  private final Clock clock;
  private final RunReporter reporter;
  private final ActionRunner actions;
  private final Leadership leadership;

  public JobRunReconciler(OperatorSettings settings, Clock clock, RunReporter reporter, ActionRunner actions,
      Leadership leadership) {
    this.settings = settings;
    this.clock = clock;
    this.reporter = reporter;
    this.actions = actions;
    this.leadership = leadership;
    this.podBuilder =
        new JobPodBuilder(
            settings.runtime().image(),
            settings.runtime().imagePullPolicy(),
            settings.job().timeoutGrace(),
            new SandboxResources(settings.sandbox().maxCpu(), settings.sandbox().maxMemory()),
            settings.actions().allowPrivateTargets());
    this.translator = new PodStatusTranslator(
        settings.job().timeoutGrace(), settings.job().resultWait(), settings.job().imagePullGrace());
  }

  @Override
  public List<EventSource<?, JobRun>> prepareEventSources(EventSourceContext<JobRun> context) {
    IndexerResourceCache<JobRun> runs = context.getPrimaryCache();
    runs.addIndexer(BY_EVENT, run -> eventKey(run).map(List::of).orElse(List.of()));
    InformerEventSource<Pod, JobRun> pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, JobRun.class)
                .withLabelSelector(JobRunLabels.MANAGED_PODS_SELECTOR)
                .withItemStore(new PodWithoutEnvStore())
                .build(),
            context);
    // A run reads its Event's spec from the cache, and an Event appearing or its spec changing
    // wakes its runs. Its deletion also drops its run metrics: without a finalizer nothing else
    // hears of it.
    InformerEventSource<Event, JobRun> events =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Event.class, JobRun.class)
                .withItemStore(new EventStore())
                .withOnUpdateFilter(EventUpdates::specChanged)
                .withPrimaryToSecondaryMapper(
                    (JobRun run) ->
                        eventName(run)
                            .map(name -> Set.of(new ResourceID(name, run.getMetadata().getNamespace())))
                            .orElse(Set.of()))
                .withSecondaryToPrimaryMapper(
                    event ->
                        runs.byIndex(BY_EVENT, event.getMetadata().getNamespace() + "/"
                                + event.getMetadata().getName()).stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context) {
          @Override
          public synchronized void onDelete(Event event, boolean deletedFinalStateUnknown) {
            reporter.eventGone(event);
            super.onDelete(event, deletedFinalStateUnknown);
          }
        };
    return List.of(pods, events, actions.finishedSends());
  }

  @Override
  public UpdateControl<JobRun> reconcile(JobRun run, Context<JobRun> context) {
    if (!leadership.leading()) {
      return UpdateControl.<JobRun>noUpdate().rescheduleAfter(leadership.retryPeriod());
    }
    reporter.reconciling(run, context.getPrimaryCache());
    if (run.phase().isTerminal()) {
      ended(run, context);
      return UpdateControl.noUpdate();
    }
    KubernetesClient client = context.getClient();
    JobRunStatus current = run.getStatus() == null ? new JobRunStatus() : run.getStatus();
    Instant now = clock.instant();
    if (eventName(run).isEmpty()) {
      return write(run, context, translator.failedWithoutPod(current, JobRunReasons.INVALID_SPEC,
          "spec.eventRef.name is missing: a JobRun names the Event it runs; create a new JobRun with it.",
          now), null);
    }

    if (Boolean.TRUE.equals(run.getSpec().getCancel())) {
      stopPod(client, run, JobPodBuilder.podName(run, current.attemptNumber()));
      return write(run, context, translator.cancelled(current, now), null);
    }

    if (current.getNextAttemptTime() != null) {
      Instant due = Instant.parse(current.getNextAttemptTime());
      if (now.isBefore(due)) {
        return UpdateControl.<JobRun>noUpdate().rescheduleAfter(Duration.between(now, due));
      }
      current = translator.nextAttempt(current);
    }
    String podName = JobPodBuilder.podName(run, current.attemptNumber());

    // Earlier attempts' Pods stay (their logs), so pick this attempt's by name.
    Optional<Pod> pod =
        context.getSecondaryResources(Pod.class).stream()
            .filter(candidate -> candidate.getMetadata().getName().equals(podName))
            .findFirst();
    if (pod.isEmpty() && current.getPodName() != null) {
      // The informer may not have seen a Pod created moments ago; ask before calling it lost.
      pod = fetchPod(client, run.getMetadata().getNamespace(), podName);
      if (pod.isEmpty()) {
        return finishOrRetry(
            run, context, translator.podLost(current, current.getPodName(), now), null, now, null);
      }
    }
    if (pod.isEmpty()) {
      Event event = context.getSecondaryResource(Event.class).orElse(null);
      if (event == null) {
        return write(run, context, waitingForEvent(current, run), null);
      }
      List<String> problems = EventSpecCheck.problems(event);
      if (!problems.isEmpty()) {
        return write(run, context, waitingForUsableEvent(current, run, problems), null);
      }
      ConcurrencyGate.Decision decision =
          ConcurrencyGate.decide(
              run,
              context.getPrimaryCache().byIndex(BY_EVENT, eventKey(run).orElseThrow()),
              event.getSpec().getSchedule() == null
                  ? ConcurrencyPolicy.Allow
                  : event.getSpec().getSchedule().getConcurrencyPolicy());
      if (decision instanceof ConcurrencyGate.Wait wait) {
        return write(run, context, queued(current, wait.message()), settings.job().queueRecheck());
      }
      if (decision instanceof ConcurrencyGate.Refuse refuse) {
        return write(run, context,
            translator.failedWithoutPod(current, refuse.reason(), refuse.message(), now), null);
      }
      if (decision instanceof ConcurrencyGate.StartReplacing replacing) {
        // As CronJob's Replace: the older runs go, and the garbage collector takes their Pods.
        replacing.replaced().forEach(
            older -> client.resource(older).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
      }
      Pod desired;
      try {
        desired = podBuilder.build(run, event, current.attemptNumber(), toolTypes(client, event));
      } catch (RunSpecTooLargeException tooLarge) {
        return write(run, context, translator.failedWithoutPod(
            current, JobRunReasons.RUN_SPEC_TOO_LARGE, tooLarge.getMessage(), now), null);
      }
      try {
        pod = Optional.of(createPod(client, desired));
      } catch (KubernetesClientException e) {
        if (!PodRejection.isFinal(e)) {
          throw e;
        }
        return write(run, context, translator.failedWithoutPod(current, JobRunReasons.POD_REJECTED,
            PodRejection.message(podName, e), now), null);
      }
    }

    Pod observed = pod.get();
    RunLogReader logs = new RunLogReader(client, settings.job().logTailBytes());
    Optional<String> log =
        RunContainer.terminated(observed).isPresent() ? logs.read(observed) : Optional.empty();
    Optional<ReceivedResult> result = ReceivedResult.read(terminationMessage(observed), log);
    PodStatusTranslator.Translation translation =
        translator.translate(current, observed, result, now);
    JobRunStatus next = translation.status();
    log.map(logs::tail).ifPresent(next::setLogTail);
    if (translation.stopPod() && RunContainer.running(observed)) {
      // What the run printed until now is all there will be.
      logs.read(observed).map(logs::tail).ifPresent(next::setLogTail);
    }
    Optional<String> notSaved = saveVariables(client, run, result);
    if (notSaved.isPresent()) {
      next = translator.variablesNotSaved(next, notSaved.get());
    }
    return finishOrRetry(
        run, context, next, translation.recheckAfter(), now, translation.stopPod() ? observed : null);
  }

  /**
   * Applies the variables the finished attempt set and deleted to the namespace's store;
   * repeating this after a failed status write stores the same values again.
   *
   * @return why they could not be saved
   */
  private static Optional<String> saveVariables(
      KubernetesClient client, JobRun run, Optional<ReceivedResult> result) {
    try {
      new VariableStore(client).save(run.getMetadata().getNamespace(),
          result.map(received -> VariableChanges.of(received.result())).orElse(VariableChanges.NONE));
      return Optional.empty();
    } catch (VariablesNotSavedException e) {
      return Optional.of(e.getMessage());
    } catch (IllegalArgumentException invalidKey) {
      return Optional.of(invalidKey.getMessage() + "; the run's variables were not saved to "
          + VariableStore.CONFIG_MAP_NAME + ".");
    }
  }

  /** Writes {@code next}, or, when it ends a failed attempt the Event may retry, schedules one. */
  private UpdateControl<JobRun> finishOrRetry(
      JobRun run, Context<JobRun> context, JobRunStatus next, Duration recheckAfter, Instant now,
      Pod toStop) {
    if (next.getPhase() == JobRunPhase.Failed || next.getPhase() == JobRunPhase.TimedOut) {
      int retryLimit =
          context.getSecondaryResource(Event.class)
              .filter(event -> event.getSpec() != null)
              .map(event -> event.getSpec().retryLimit())
              .orElse(0);
      Optional<Instant> due = RetryPolicy.nextAttempt(next.attemptNumber(), retryLimit, now);
      if (due.isPresent()) {
        return write(run, context, translator.retryScheduled(next, due.get()),
            Duration.between(now, due.get()), toStop);
      }
    }
    return write(run, context, next, recheckAfter, toStop);
  }

  /**
   * A reconcile threw. The run's status keeps describing the run (its phase and message), so
   * the error goes to a Warning Kubernetes Event instead, one per failed attempt.
   */
  @Override
  public ErrorStatusUpdateControl<JobRun> updateErrorStatus(JobRun run, Context<JobRun> context, Exception e) {
    reporter.reconcileFailed(run, ReconcileErrors.message(e, context.getRetryInfo()));
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private UpdateControl<JobRun> write(
      JobRun run, Context<JobRun> context, JobRunStatus next, Duration recheckAfter) {
    return write(run, context, next, recheckAfter, null);
  }

  /**
   * @param toStop a Pod to delete once {@code next} is stored: deleting it first would make a
   *     reconcile after a conflicting write see it gone and call the run PodLost
   */
  private UpdateControl<JobRun> write(
      JobRun run, Context<JobRun> context, JobRunStatus wanted, Duration recheckAfter, Pod toStop) {
    JobRunStatus before = run.getStatus();
    JobRunStatus next = JobRunConditions.stamped(
        withDueActions(wanted, before, context), before, run.getMetadata().getGeneration(), clock.instant());
    boolean stored = next.equals(before);
    if (!stored) {
      run.setStatus(next);
      Optional<JobRun> written = StatusWriter.writeAndGet(run, context);
      stored = written.isPresent();
      written.ifPresent(landed -> reporter.statusWritten(run, before));
      // The run just ended: nothing else need wake it (its own status write does not).
      written.filter(landed -> landed.phase().isTerminal()).ifPresent(endedRun -> ended(endedRun, context));
    }
    if (stored && toStop != null) {
      context.getClient().resource(toStop).delete();
    }
    UpdateControl<JobRun> control = UpdateControl.noUpdate();
    return recheckAfter == null ? control : control.rescheduleAfter(recheckAfter);
  }

  /** Its result is stored: none of its Pods needs holding any more, and its due actions fire. */
  private void ended(JobRun run, Context<JobRun> context) {
    context.getSecondaryResources(Pod.class).stream()
        .filter(PodRelease::held)
        .forEach(pod -> PodRelease.release(context, pod));
    actions.run(run, context);
  }

  /** The status that ends the run carries the actions due then, so later Event edits change nothing for it. */
  private JobRunStatus withDueActions(JobRunStatus wanted, JobRunStatus before, Context<JobRun> context) {
    boolean endsNow = wanted.getPhase() != null && wanted.getPhase().isTerminal()
        && (before == null || before.getPhase() == null || !before.getPhase().isTerminal());
    if (!endsNow) {
      return wanted;
    }
    Optional<Event> event = context.getSecondaryResource(Event.class);
    if (event.isEmpty()) {
      return wanted;
    }
    JobRunStatus ending = PodStatusTranslator.copyOf(wanted);
    ending.setActions(ActionSnapshot.due(event.get(), wanted, clock.instant()));
    return ending;
  }

  private static JobRunStatus queued(JobRunStatus current, String message) {
    JobRunStatus next = new JobRunStatus();
    next.setPhase(JobRunPhase.Pending);
    next.setReason(JobRunReasons.QUEUED);
    next.setMessage(message);
    return next.equals(current) ? current : next;
  }

  /** The Event a run names; empty for a run that names none (its reconcile says so). */
  private static Optional<String> eventName(JobRun run) {
    return Optional.ofNullable(run.getSpec())
        .map(JobRunSpec::getEventRef)
        .map(EventReference::getName);
  }

  /** The run's key in {@link #BY_EVENT}; index functions must not throw, or the informer stops. */
  private static Optional<String> eventKey(JobRun run) {
    return eventName(run).map(name -> run.getMetadata().getNamespace() + "/" + name);
  }

  private static JobRunStatus waitingForUsableEvent(JobRunStatus current, JobRun run, List<String> problems) {
    JobRunStatus next = new JobRunStatus();
    next.setPhase(JobRunPhase.Pending);
    next.setReason(JobRunReasons.EVENT_INVALID);
    next.setMessage(
        "Event \"" + run.getSpec().getEventRef().getName() + "\" cannot be run by this operator: "
            + String.join("; ", problems) + ". The run starts once the Event is fixed.");
    return next.equals(current) ? current : next;
  }

  private static JobRunStatus waitingForEvent(JobRunStatus current, JobRun run) {
    JobRunStatus next = new JobRunStatus();
    next.setPhase(JobRunPhase.Pending);
    next.setReason(JobRunReasons.EVENT_NOT_FOUND);
    next.setMessage(
        "Event \"" + run.getSpec().getEventRef().getName() + "\" not found in namespace \""
            + run.getMetadata().getNamespace() + "\"; the run starts once it exists.");
    return next.equals(current) ? current : next;
  }

  private static Optional<Pod> fetchPod(KubernetesClient client, String namespace, String name) {
    return Optional.ofNullable(client.pods().inNamespace(namespace).withName(name).get());
  }

  /** SIGTERM now, SIGKILL after the grace: a cancelled script stops well within 10 s. */
  private void stopPod(KubernetesClient client, JobRun run, String podName) {
    client.pods()
        .inNamespace(run.getMetadata().getNamespace())
        .withName(podName)
        .withGracePeriod(settings.job().cancelGrace().toSeconds())
        .delete();
  }

  /**
   * The type label of each tool Secret the Event lists, read when the Pod is built: a mounted
   * Secret carries no labels, so runtime-api gets them in the run spec. Each is read by name, as
   * notify actions read theirs; the operator neither lists nor watches Secrets.
   */
  private static Map<String, String> toolTypes(KubernetesClient client, Event event) {
    Map<String, String> types = new HashMap<>();
    for (String name : event.getSpec().getTools()) {
      Secret secret = client.secrets().inNamespace(event.getMetadata().getNamespace()).withName(name).get();
      String type = secret == null ? null : KubernetesToolSecrets.typeLabel(secret);
      if (type != null) {
        types.put(name, type);
      }
    }
    return types;
  }

  private static Pod createPod(KubernetesClient client, Pod pod) {
    try {
      return client.resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return client.resource(pod).get();
      }
      throw e;
    }
  }

  private static String terminationMessage(Pod pod) {
    return RunContainer.terminated(pod).map(ContainerStateTerminated::getMessage).orElse(null);
  }
}
