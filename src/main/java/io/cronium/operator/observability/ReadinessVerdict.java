package io.cronium.operator.observability;

import java.util.List;

/**
 * Whether this replica is ready, from the operator's state. A replica that waits for the
 * leader lease (never won, or lost and campaigning again) is ready: it has nothing to sync, and a
 * standby that never turned ready would stall every rolling update and block node drains under a
 * PodDisruptionBudget.
 */
public record ReadinessVerdict(boolean ready, boolean leader, List<String> notSynced) {

  /** One informer of one event source, per watched namespace. */
  public record InformerState(String name, boolean running, boolean synced, boolean watching) {

    boolean healthy() {
      return running && synced && watching;
    }
  }

  /** @param leaseLost this replica lost the Lease and has not won it again (its informers run on) */
  public static ReadinessVerdict of(
      boolean started, boolean leaderElection, boolean leaseLost, List<InformerState> informers) {
    if (!started) {
      return new ReadinessVerdict(false, false, List.of("operator not started"));
    }
    boolean anyRunning = informers.stream().anyMatch(InformerState::running);
    if (leaderElection && (!anyRunning || leaseLost)) {
      return new ReadinessVerdict(true, false, List.of());
    }
    List<String> notSynced =
        informers.stream().filter(informer -> !informer.healthy()).map(InformerState::name).toList();
    return new ReadinessVerdict(notSynced.isEmpty(), true, notSynced);
  }
}
