package io.cronium.operator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code cronium_actions_total{type,result}}: actions carried out, by kind and outcome. */
@ApplicationScoped
public class ActionMetrics {

  public static final String ACTIONS = "cronium.actions";

  private final MeterRegistry registry;

  public ActionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param type runEvent or notify
   * @param result the action's final state (Created, Skipped, Sent, Failed, Unknown)
   */
  public void actionDone(String type, String result) {
    Counter.builder(ACTIONS)
        .description("Actions of finished runs, by type and result")
        .tag("type", type)
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
