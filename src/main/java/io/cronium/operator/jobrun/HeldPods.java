package io.cronium.operator.jobrun;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

/**
 * The pod-release controller hears only of Pods being deleted that still carry {@link
 * ResultTracking#FINALIZER}. A live Pod needs nothing from it (the Pod carries the finalizer from
 * creation, and the run reconciler releases it once the run's result is stored). Worse, the
 * framework adds its controller's finalizer to a live Pod it reconciles without one: a reconcile
 * queued while the Pod was held and run after its release would put the finalizer back.
 */
public final class HeldPods {

  private HeldPods() {}

  static boolean heldWhileDeleted(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null && PodRelease.held(pod);
  }

  public static final class OnAdd implements OnAddFilter<Pod> {
    @Override
    public boolean accept(Pod pod) {
      return heldWhileDeleted(pod);
    }
  }

  public static final class OnUpdate implements OnUpdateFilter<Pod> {
    @Override
    public boolean accept(Pod updated, Pod previous) {
      return heldWhileDeleted(updated);
    }
  }
}
