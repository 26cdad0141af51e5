package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

class ResultTrackingPodStoreTest {

  @Test
  void keepsWhatTheReleaseDecisionReadsAndDropsTheRunSpec() {
    Pod pod = TestRuns.pod(TestRuns.manualRun("hello-manual-1", "hello"), TestRuns.terminated(0, "{}"));
    ResultTrackingPodStore store = new ResultTrackingPodStore();

    store.put(store.getKey(pod), pod);

    Pod cached = store.get("team-a/hello-manual-1");
    assertThat(cached.getSpec().getContainers().get(0).getEnv()).isEmpty();
    assertThat(cached.getMetadata().getFinalizers()).containsExactly(ResultTracking.FINALIZER);
    assertThat(cached.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(RunContainer.terminated(cached)).isPresent();
  }
}
