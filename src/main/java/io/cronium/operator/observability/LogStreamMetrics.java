package io.cronium.operator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code cronium_log_stream_pauses_total}: times a log read of the aggregated log API waited for a slow
 * client to take what was already written, instead of queueing more of the log in memory.
 */
@ApplicationScoped
public class LogStreamMetrics {

  public static final String PAUSES = "cronium.log.stream.pauses";

  private final Counter pauses;

  public LogStreamMetrics(MeterRegistry registry) {
    this.pauses = Counter.builder(PAUSES)
        .description("Log streams paused until their client caught up")
        .register(registry);
  }

  public void paused() {
    pauses.increment();
  }
}
