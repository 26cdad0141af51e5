package io.cronium.operator.observability;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's own run metrics, next to java-operator-sdk's reconcile metrics on the same
 * Prometheus endpoint: finished runs by Event, namespace and outcome, their duration, and the
 * runs not finished yet.
 */
@ApplicationScoped
public class RunMetrics {

  public static final String RUNS = "cronium.runs";
  public static final String RUN_DURATION = "cronium.run.duration";
  public static final String ACTIVE_RUNS = "cronium.runs.active";

  /** Scripts run from seconds to an hour; the buckets cover that range. */
  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
    Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
    Duration.ofMinutes(15), Duration.ofHours(1)
  };

  private final MeterRegistry registry;
  private final Map<String, Gauge> activeByNamespace = new ConcurrentHashMap<>();

  public RunMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts a run that reached its terminal phase, and its duration when it started. */
  public void runFinished(JobRun run) {
    JobRunStatus status = run.getStatus();
    String namespace = run.getMetadata().getNamespace();
    String event = run.getSpec().getEventRef().getName();
    String outcome = status.getPhase().name();
    Counter.builder(RUNS)
        .description("JobRuns that reached a terminal phase")
        .tags("namespace", namespace, "event", event, "outcome", outcome)
        .register(registry)
        .increment();
    if (status.getStartTime() != null && status.getCompletionTime() != null) {
      Duration duration =
          Duration.between(
              Instant.parse(status.getStartTime()), Instant.parse(status.getCompletionTime()));
      Timer.builder(RUN_DURATION)
          .description("Time from a run's start to its terminal phase")
          .serviceLevelObjectives(DURATION_BUCKETS)
          .tags("namespace", namespace, "event", event, "outcome", outcome)
          .register(registry)
          .record(duration.isNegative() ? Duration.ZERO : duration);
    }
  }

  /** Drops a deleted Event's run counts and durations, so meters do not pile up with Events that come and go. */
  public void eventGone(String namespace, String event) {
    for (String name : List.of(RUNS, RUN_DURATION)) {
      registry.find(name).tags("namespace", namespace, "event", event).meters().forEach(registry::remove);
    }
  }

  /**
   * Exposes the runs of a namespace that have not finished, read from the controller's own
   * cache at scrape time, so deleted runs and operator restarts never leave it stale.
   */
  public void trackActiveRuns(String namespace, IndexedResourceCache<JobRun> runs) {
    activeByNamespace.computeIfAbsent(
        namespace,
        ns ->
            Gauge.builder(
                    ACTIVE_RUNS,
                    runs,
                    cache -> cache.list(ns, run -> !run.phase().isTerminal()).count())
                .description("JobRuns not in a terminal phase")
                .tag("namespace", ns)
                .strongReference(true)
                .register(registry));
  }
}
