package io.cronium.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.operator.observability.ReadinessVerdict.InformerState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessVerdictTest {

  private static final InformerState SYNCED = new InformerState("jobruns/all", true, true, true);
  private static final InformerState SYNCING = new InformerState("pods/all", true, false, true);
  private static final InformerState STOPPED = new InformerState("pods/all", false, false, false);

  @Test
  void notReadyBeforeTheOperatorStarted() {
    assertThat(ReadinessVerdict.of(false, true, false, List.of()).ready()).isFalse();
  }

  @Test
  void aStandbyWaitingForTheLeaseIsReadyAndSaysItIsNotLeader() {
    ReadinessVerdict standby = ReadinessVerdict.of(true, true, false, List.of(STOPPED, STOPPED));
    assertThat(standby.ready()).isTrue();
    assertThat(standby.leader()).isFalse();
  }

  @Test
  void theLeaderIsReadyOnlyOnceEveryInformerIsSyncedAndWatching() {
    ReadinessVerdict syncing = ReadinessVerdict.of(true, true, false, List.of(SYNCED, SYNCING));
    assertThat(syncing.ready()).isFalse();
    assertThat(syncing.leader()).isTrue();
    assertThat(syncing.notSynced()).containsExactly("pods/all");
    assertThat(ReadinessVerdict.of(true, true, false, List.of(SYNCED)).ready()).isTrue();
  }

  @Test
  void withoutLeaderElectionStoppedInformersAreNotReady() {
    ReadinessVerdict verdict = ReadinessVerdict.of(true, false, false, List.of(STOPPED));
    assertThat(verdict.ready()).isFalse();
    assertThat(verdict.leader()).isTrue();
  }

  @Test
  void aReplicaThatLostTheLeaseSaysItIsNotLeaderThoughItsInformersRunOn() {
    ReadinessVerdict lost = ReadinessVerdict.of(true, true, true, List.of(SYNCED, SYNCING));
    assertThat(lost.ready()).isTrue();
    assertThat(lost.leader()).isFalse();
  }
}
