package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.operator.cache.PodWithoutEnvStore;
import io.cronium.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.util.Optional;

/**
 * Holds a deleted job Pod (through {@link ResultTracking#FINALIZER}) until its JobRun holds the
 * Pod's result, then lets it go. It hears of no live Pod ({@link HeldPods}): the run reconciler
 * releases those once their run's result is stored ({@link PodRelease}). The JobRun is read fresh
 * from the API server, never from a cache: a stale "not finished yet" would only delay, a stale
 * "gone" would lose the result.
 */
@ControllerConfiguration(
    name = "pod-release",
    finalizerName = ResultTracking.FINALIZER,
    generationAwareEventProcessing = false,
    informer = @Informer(
        labelSelector = JobRunLabels.MANAGED_PODS_SELECTOR,
        itemStore = PodWithoutEnvStore.class,
        onAddFilter = HeldPods.OnAdd.class,
        onUpdateFilter = HeldPods.OnUpdate.class))
public class PodReleaseReconciler implements Reconciler<Pod>, Cleaner<Pod> {

  private final OperatorSettings settings;
  private final Clock clock;

  public PodReleaseReconciler(OperatorSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Never called for a live Pod ({@link HeldPods}), which needs nothing from here. */
  @Override
  public UpdateControl<Pod> reconcile(Pod pod, Context<Pod> context) {
    return UpdateControl.noUpdate();
  }

  @Override
  public DeleteControl cleanup(Pod pod, Context<Pod> context) {
    Optional<JobRun> run = runOf(pod, context);
    ResultTracking.Decision decision =
        ResultTracking.mayRelease(pod, run, clock.instant(), settings.job().resultWait());
    if (decision.release()) {
      // Released as the run reconciler releases, which may have done so meanwhile: a Pod already
      // gone is no error (the framework's own removal would retry it with a warning).
      PodRelease.release(context.getClient(), pod);
      return DeleteControl.noFinalizerRemoval();
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(decision.recheckAfter().toMillis());
  }

  private static Optional<JobRun> runOf(Pod pod, Context<Pod> context) {
    return pod.getMetadata().getOwnerReferences().stream()
        .filter(ref -> "JobRun".equals(ref.getKind()))
        .map(OwnerReference::getName)
        .findFirst()
        .map(name -> context.getClient().resources(JobRun.class)
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(name)
            .get());
  }
}
