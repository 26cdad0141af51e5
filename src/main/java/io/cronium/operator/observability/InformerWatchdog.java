package io.cronium.operator.observability;

import io.cronium.operator.observability.ReadinessVerdict.InformerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells a deaf operator from a busy one: an informer may be unhealthy for a while (the API server
 * restarts, a watch reconnects), but one that stays unhealthy past the limit will not recover by
 * itself, and the liveness probe fails so that Kubernetes restarts the Pod. A standby replica,
 * whose informers have not started, is never deaf.
 */
public final class InformerWatchdog {

  private final Clock clock;
  private final Duration limit;
  private final Map<String, Instant> unhealthySince = new HashMap<>();

  public InformerWatchdog(Clock clock, Duration limit) {
    this.clock = clock;
    this.limit = limit;
  }

  /** The informers unhealthy for longer than the limit, given their state now. */
  public synchronized List<String> deaf(boolean leaderElection, List<InformerState> informers) {
    Instant now = clock.instant();
    boolean standby = leaderElection && informers.stream().noneMatch(InformerState::running);
    if (standby) {
      unhealthySince.clear();
      return List.of();
    }
    unhealthySince.keySet().retainAll(
        informers.stream().filter(informer -> !informer.healthy()).map(InformerState::name).toList());
    informers.stream()
        .filter(informer -> !informer.healthy())
        .forEach(informer -> unhealthySince.putIfAbsent(informer.name(), now));
    return unhealthySince.entrySet().stream()
        .filter(entry -> Duration.between(entry.getValue(), now).compareTo(limit) > 0)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
