package io.cronium.operator.jobrun;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

/**
 * The pod-release controller hears only of Pods that still carry {@link ResultTracking#FINALIZER}:
 * the framework adds its controller's finalizer to every Pod it reconciles, and would put it back
 * on a Pod the run reconciler released once the run's result was stored.
 */
public final class HeldPods {

  private HeldPods() {}

  public static final class OnAdd implements OnAddFilter<Pod> {
    @Override
    public boolean accept(Pod pod) {
      return PodRelease.held(pod);
    }
  }

  public static final class OnUpdate implements OnUpdateFilter<Pod> {
    @Override
    public boolean accept(Pod updated, Pod previous) {
      return PodRelease.held(updated);
    }
  }
}
