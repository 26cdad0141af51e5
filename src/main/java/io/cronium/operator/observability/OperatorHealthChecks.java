package io.cronium.operator.observability;

import io.cronium.operator.config.OperatorSettings;
import io.cronium.operator.leadership.Leadership;
import io.cronium.operator.observability.ReadinessVerdict.InformerState;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The probes of the operator's Pod. Readiness: informers started, synced and watching, or this
 * replica is a standby waiting for the lease ({@code leader} says which; {@code notSynced} names
 * the informers that are not). Liveness: the operator runtime is started and no informer has been
 * unhealthy past {@code cronium.health.informer-unhealthy-limit} ({@link InformerWatchdog}).
 */
@ApplicationScoped
public class OperatorHealthChecks {

  static final String READINESS = "cronium-operator-ready";
  static final String LIVENESS = "cronium-operator-live";

  @Produces
  @Readiness
  @ApplicationScoped
  HealthCheck readiness(Operator operator, Leadership leadership) {
    return () -> {
      ReadinessVerdict verdict =
          ReadinessVerdict.of(
              operator.getRuntimeInfo().isStarted(),
              operator.getConfigurationService().getLeaderElectionConfiguration().isPresent(),
              !leadership.leading(),
              informers(operator));
      return HealthCheckResponse.named(READINESS)
          .status(verdict.ready())
          .withData("leader", verdict.leader())
          .withData("notSynced", String.join(",", verdict.notSynced()))
          .build();
    };
  }

  @Produces
  @Liveness
  @ApplicationScoped
  HealthCheck liveness(Operator operator, OperatorSettings settings, Clock clock) {
    InformerWatchdog watchdog = new InformerWatchdog(clock, settings.health().informerUnhealthyLimit());
    return () -> {
      List<String> deaf =
          watchdog.deaf(
              operator.getConfigurationService().getLeaderElectionConfiguration().isPresent(),
              informers(operator));
      return HealthCheckResponse.named(LIVENESS)
          .status(operator.getRuntimeInfo().isStarted() && deaf.isEmpty())
          .withData("deafInformers", String.join(",", deaf))
          .build();
    };
  }

  private static List<InformerState> informers(Operator operator) {
    List<InformerState> states = new ArrayList<>();
    for (RegisteredController<?> controller : operator.getRuntimeInfo().getRegisteredControllers()) {
      String controllerName = controller.getConfiguration().getName();
      Map<String, InformerWrappingEventSourceHealthIndicator> sources =
          controller.getControllerHealthInfo().informerEventSourceHealthIndicators();
      sources.forEach(
          (source, indicator) -> {
            Map<String, InformerHealthIndicator> perNamespace = indicator.informerHealthIndicators();
            perNamespace.forEach(
                (namespace, informer) ->
                    states.add(new InformerState(
                        controllerName + "/" + source + "/" + namespace,
                        informer.isRunning(), informer.hasSynced(), informer.isWatching())));
          });
    }
    return states;
  }
}
