package io.cronium.operator.observability;

import io.cronium.api.v1alpha1.IncidentType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The scheduler's Prometheus metrics: how late scheduled runs are created (as CronJob's
 * {@code job_creation_skew_duration_seconds}) and the incidents it records, by type.
 */
@Singleton
public class ScheduleMetrics {

  private final MeterRegistry registry;
  private final Timer skew;

  public ScheduleMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.skew =
        Timer.builder("cronium.schedule.skew")
            .description("Time from a schedule slot to the creation of its JobRun")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
  }

  public void runCreated(Duration lateness) {
    skew.record(lateness.isNegative() ? Duration.ZERO : lateness);
  }

  public void incident(IncidentType type) {
    Counter.builder("cronium.event.incidents")
        .description("Incidents recorded on Events (why a slot did not run as written)")
        .tag("type", type.name())
        .register(registry)
        .increment();
  }
}
