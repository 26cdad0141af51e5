package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldPodsTest {

  private static Pod pod(boolean deleted, List<String> finalizers) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("hello-run-1")
        .withFinalizers(finalizers)
        .withDeletionTimestamp(deleted ? "2026-12-04T10:00:00Z" : null)
        .endMetadata()
        .build();
  }

  @Test
  void aLivePodIsNeverHeardSoTheFrameworkNeverPutsTheFinalizerBackOnIt() {
    Pod held = pod(false, List.of(ResultTracking.FINALIZER));
    Pod released = pod(false, List.of());

    assertThat(new HeldPods.OnAdd().accept(held)).isFalse();
    assertThat(new HeldPods.OnUpdate().accept(released, held)).isFalse();
    assertThat(new HeldPods.OnUpdate().accept(held, released)).isFalse();
  }

  @Test
  void aHeldPodBeingDeletedIsHeardUntilItIsReleased() {
    Pod held = pod(true, List.of(ResultTracking.FINALIZER));
    Pod released = pod(true, List.of());

    assertThat(new HeldPods.OnAdd().accept(held)).isTrue();
    assertThat(new HeldPods.OnUpdate().accept(held, pod(false, List.of(ResultTracking.FINALIZER)))).isTrue();
    assertThat(new HeldPods.OnUpdate().accept(released, held)).isFalse();
    assertThat(new HeldPods.OnAdd().accept(released)).isFalse();
  }
}
