package io.cronium.operator.event;

import io.cronium.operator.common.StatusWriter;
import io.cronium.operator.jobrun.JobRun;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;

/** Keeps an Event's status (counts, last run, active runs) in step with its JobRuns. */
public class EventReconciler implements Reconciler<Event> {

  @Override
  public List<EventSource<?, Event>> prepareEventSources(EventSourceContext<Event> context) {
    // JobRuns name their Event in spec.eventRef; hand-made runs carry no owner reference.
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(JobRun.class, Event.class)
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
  public UpdateControl<Event> reconcile(Event event, Context<Event> context) {
    Set<JobRun> runs = context.getSecondaryResources(JobRun.class);
    EventStatus next =
        EventStatusCalculator.calculate(event.getStatus(), event.getMetadata().getGeneration(), runs);
    if (!next.equals(event.getStatus())) {
      event.setStatus(next);
      StatusWriter.write(event, context);
    }
    return UpdateControl.noUpdate();
  }
}
