package io.cronium.operator.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.ActionReasons;
import io.cronium.api.v1alpha1.ActionRecord;
import io.cronium.api.v1alpha1.ActionState;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRuns;
import io.cronium.api.v1alpha1.NotifyAction;
import io.cronium.operator.action.tool.KubernetesToolSecrets;
import io.cronium.operator.action.tool.MessageRenderer;
import io.cronium.operator.observability.ActionMetrics;
import io.cronium.operator.observability.KubernetesEventRecorder;
import io.cronium.operator.status.StatusWriter;
import io.cronium.tools.SendOutcome;
import io.cronium.tools.Tool;
import io.cronium.tools.ToolMessage;
import io.cronium.tools.ToolSecrets;
import io.cronium.tools.ToolSender;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Carries out the actions of a finished run, each at most once: the run's status.actions holds a
 * Pending record for each action due when it ended ({@link ActionSnapshot}), and each record moves
 * on to its outcome; nothing else fires, whatever the Event's spec.actions says later. A runEvent
 * action creates a run with a name derived from this run and the action, so a restart
 * between creating it and recording it finds it (AlreadyExists) instead of making another.
 * A notify action is recorded as Sending before the send, which {@link SendQueue} makes off the
 * reconcile thread; its outcome is stored when the send wakes the run. A Sending record this
 * process did not start means the operator stopped mid-send, and becomes Unknown rather than
 * risking a second message.
 */
@ApplicationScoped
public class ActionRunner {

  static final String RUN_EVENT = "runEvent";
  static final String NOTIFY = "notify";
  private static final Logger LOG = Logger.getLogger(ActionRunner.class);

  private final Clock clock;
  private final ToolSender sender;
  private final ActionMetrics metrics;
  private final KubernetesEventRecorder recorder;
  private final SendQueue sends;

  public ActionRunner(
      Clock clock, ToolSender sender, ActionMetrics metrics, KubernetesEventRecorder recorder, SendQueue sends) {
    this.clock = clock;
    this.sender = sender;
    this.metrics = metrics;
    this.recorder = recorder;
    this.sends = sends;
  }

  /** The event source through which a finished send wakes its run. */
  public SimpleInboundEventSource<JobRun> finishedSends() {
    return sends.finishedSends();
  }

  /** Carries out the due actions of {@code cached}, which has ended: those its status.actions took when it did. */
  public void run(JobRun cached, Context<JobRun> context) {
    // Finished runs wake on every change of their Event: most have nothing left to do.
    if (!ActionProgress.pending(cached)) {
      return;
    }
    Optional<Event> event = context.getSecondaryResource(Event.class);
    if (event.isEmpty()) {
      return;
    }
    // The cache keeps a finished run without its output, log tail, conditions or message
    // (RunWithoutResultStore): messages and chained runs read some of them, and a status written
    // from the cached copy would erase them all.
    JobRun run = context.getClient().resources(JobRun.class)
        .inNamespace(cached.getMetadata().getNamespace()).withName(cached.getMetadata().getName()).get();
    if (run == null || !ActionProgress.pending(run)) {
      return;
    }
    List<ActionRecord> records = new ArrayList<>(run.getStatus().getActions());
    List<ActionRecord> done = new ArrayList<>(settleSends(run, records));
    InformerEventSource<Event, JobRun> events = eventCache(context);
    ActionGraph graph = ActionGraph.over(name -> events.get(new ResourceID(name, run.getMetadata().getNamespace())));

    JobRun current = run;
    for (int position = 0; position < records.size(); position++) {
      ActionRecord due = records.get(position);
      if (due.getState() != ActionState.Pending || due.getAction() == null || due.getIndex() == null) {
        continue;
      }
      if (due.getAction().getRunEvent() != null) {
        ActionRecord outcome = runEvent(context.getClient(), events, graph, event.get(), run, due);
        records.set(position, outcome);
        done.add(outcome);
        continue;
      }
      Prepared prepared = prepare(context.getClient(), event.get(), run, due);
      if (prepared instanceof Unusable unusable) {
        records.set(position, unusable.failed());
        done.add(unusable.failed());
        continue;
      }
      Ready send = (Ready) prepared;
      // The send is not idempotent: the Sending record must land before the message goes out.
      records.set(position, record(due, ActionState.Sending, null, "sending"));
      current = persist(current, records, context).orElse(null);
      if (current == null) {
        return;
      }
      announce(current, done);
      done.clear();
      if (!sends.start(current, due.getIndex(), () -> sender.send(send.tool(), ToolMessage.of(send.subject(), send.body())))) {
        ActionRecord refused = record(due, ActionState.Failed, ActionReasons.NOTIFICATION_FAILED,
            "not sent: the operator's send queue is full (" + SendQueue.WAITING + " sends waiting)");
        records.set(position, refused);
        done.add(refused);
      }
    }
    if (done.isEmpty()) {
      return;
    }
    if (persist(current, records, context).isPresent()) {
      announce(current, done);
    } else {
      keepSendOutcomes(run, done);
    }
  }

  /** A notify action ready to send (its tool read, its message rendered), or its Failed record. */
  private Prepared prepare(KubernetesClient client, Event event, JobRun run, ActionRecord due) {
    NotifyAction action = due.getAction().getNotify();
    String namespace = run.getMetadata().getNamespace();
    Secret secret = client.secrets().inNamespace(namespace).withName(action.getTool()).get();
    if (secret == null) {
      return new Unusable(record(due, ActionState.Failed, ActionReasons.TOOL_NOT_FOUND,
          ToolSecrets.notFound(action.getTool(), namespace)));
    }
    ToolSecrets.Result read = KubernetesToolSecrets.read(secret);
    if (read.tool().isEmpty()) {
      return new Unusable(record(due, ActionState.Failed, ActionReasons.INVALID_TOOL, read.problem().orElseThrow()));
    }
    JsonNode model = RunMessageModel.of(event, run);
    return new Ready(read.tool().get(),
        MessageRenderer.render(action.getSubject(), model), MessageRenderer.render(action.getMessage(), model));
  }

  private sealed interface Prepared permits Ready, Unusable {}

  private record Ready(Tool tool, String subject, String body) implements Prepared {}

  private record Unusable(ActionRecord failed) implements Prepared {}

  /**
   * Sending records: the outcome of a send that finished since, or Unknown for one this process
   * never started (the operator stopped mid-send); a send still going stays Sending.
   */
  private List<ActionRecord> settleSends(JobRun run, List<ActionRecord> records) {
    List<ActionRecord> settled = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      ActionRecord sending = records.get(i);
      if (sending.getState() != ActionState.Sending || sending.getIndex() == null) {
        continue;
      }
      ActionRecord next;
      if (sends.known(run, sending.getIndex())) {
        Optional<SendOutcome> outcome = sends.finished(run, sending.getIndex());
        if (outcome.isEmpty()) {
          continue;
        }
        next = outcome.get().sent()
            ? record(sending, ActionState.Sent, ActionReasons.NOTIFICATION_SENT, outcome.get().message())
            : record(sending, ActionState.Failed, outcome.get().reason(), outcome.get().message());
      } else {
        next = record(sending, ActionState.Unknown, ActionReasons.NOTIFICATION_OUTCOME_UNKNOWN,
            "the operator stopped while sending; the message may or may not have been delivered"
                + " and is not sent again");
      }
      records.set(i, next);
      settled.add(next);
    }
    return settled;
  }

  /**
   * Outcomes of sends that finished but whose write did not land: kept for the next reconcile
   * (the run changed, so one comes). Other records are worked out again from the stored ones.
   */
  private void keepSendOutcomes(JobRun run, List<ActionRecord> notStored) {
    Set<Integer> wereSending = run.getStatus().getActions().stream()
        .filter(record -> record.getState() == ActionState.Sending)
        .map(ActionRecord::getIndex)
        .collect(Collectors.toSet());
    for (ActionRecord record : notStored) {
      boolean sendOutcome = record.getState() == ActionState.Sent || record.getState() == ActionState.Failed;
      if (sendOutcome && wereSending.contains(record.getIndex())) {
        sends.keep(run, record.getIndex(),
            new SendOutcome(record.getState() == ActionState.Sent, record.getReason(), record.getMessage()));
      }
    }
  }

  static String typeOf(Action action) {
    return action.getRunEvent() != null ? RUN_EVENT : NOTIFY;
  }

  private ActionRecord runEvent(
      KubernetesClient client,
      InformerEventSource<Event, JobRun> events,
      ActionGraph graph,
      Event source,
      JobRun run,
      ActionRecord due) {
    int index = due.getIndex();
    String target = due.getAction().getRunEvent().getName();
    String namespace = run.getMetadata().getNamespace();
    Optional<Event> targetEvent = events.get(new ResourceID(target, namespace));
    if (targetEvent.isEmpty()) {
      return record(due, ActionState.Skipped, ActionReasons.ACTION_TARGET_NOT_FOUND,
          "Event \"" + target + "\" not found in namespace \"" + namespace + "\"");
    }
    if (graph.onCycle(source.getMetadata().getName(), target)) {
      return record(due, ActionState.Skipped, ActionReasons.ACTION_CYCLE,
          "running Event \"" + target + "\" would lead back to \"" + source.getMetadata().getName()
              + "\"; chains must not loop");
    }
    String name = ChainedRuns.name(run.getMetadata().getName(), index);
    JobRun next = JobRuns.chained(targetEvent.get(), name, ChainedRuns.input(run), run.getMetadata().getName());
    try {
      client.resource(next).create();
      LOG.infof("created JobRun %s/%s for action %d of %s", namespace, name, index, run.getMetadata().getName());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
    ActionRecord created = record(due, ActionState.Created, ActionReasons.RUN_CREATED,
        "started JobRun \"" + name + "\" of Event \"" + target + "\"");
    created.setJobRun(name);
    return created;
  }

  /** The next state of {@code due}'s action; it keeps the action it is about. */
  private ActionRecord record(ActionRecord due, ActionState state, String reason, String message) {
    ActionRecord next = new ActionRecord(due.getIndex(), due.getType(), state, reason, message,
        clock.instant().toString());
    next.setAction(due.getAction());
    return next;
  }

  /** Writes the records; empty when the run changed or went meanwhile (a change reconciles again). */
  private static Optional<JobRun> persist(JobRun run, List<ActionRecord> records, Context<JobRun> context) {
    run.getStatus().setActions(new ArrayList<>(records));
    return StatusWriter.writeAndGet(run, context);
  }

  private void announce(JobRun run, List<ActionRecord> records) {
    for (ActionRecord record : records) {
      boolean ok = record.getState() == ActionState.Created || record.getState() == ActionState.Sent;
      recorder.record(run, ok ? KubernetesEventRecorder.Type.Normal : KubernetesEventRecorder.Type.Warning,
          record.getReason(), "Action", "action " + record.getIndex() + ": " + record.getMessage());
      metrics.actionDone(record.getType(), record.getState().name());
    }
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<Event, JobRun> eventCache(Context<JobRun> context) {
    return (InformerEventSource<Event, JobRun>) context.eventSourceRetriever().getEventSourceFor(Event.class);
  }
}
