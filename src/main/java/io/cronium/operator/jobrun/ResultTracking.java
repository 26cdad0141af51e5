package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.JobRun;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a deleted job Pod may go: the Pod carries {@link #FINALIZER} (as the Job controller's
 * tracking finalizer) so that its exit code, termination message and log tail reach the JobRun
 * before the kubelet's record of them disappears. Pure: the caller supplies the run and the time.
 */
public final class ResultTracking {

  /** On every job Pod from creation; removed once the run holds the Pod's result. */
  public static final String FINALIZER = "cronium.io/result-tracking";
  /** A deleted Pod whose result has not arrived is looked at again at least this often. */
  static final Duration RECHECK = Duration.ofMinutes(1);
  /** The container has ended: the run controller is about to store its result. */
  static final Duration RESULT_IMMINENT = Duration.ofSeconds(1);

  private ResultTracking() {}

  /** Release the Pod now, or look again after {@code recheckAfter}. */
  public record Decision(boolean release, Duration recheckAfter) {
    static Decision releaseNow() {
      return new Decision(true, null);
    }

    static Decision waitFor(Duration recheckAfter) {
      return new Decision(false, recheckAfter);
    }
  }

  /**
   * @param pod a job Pod being deleted
   * @param run the Pod's JobRun as the API server has it now, empty when it is gone
   * @param resultWait how long past its deletion time a Pod waits for a result the kubelet never
   *     reports (node lost); then it goes and its run ends PodLost
   */
  public static Decision mayRelease(Pod pod, Optional<JobRun> run, Instant now, Duration resultWait) {
    Optional<String> ownerUid = ownerUid(pod);
    boolean runGone = run.isEmpty()
        || ownerUid.isEmpty()
        || !ownerUid.get().equals(run.get().getMetadata().getUid())
        || run.get().getMetadata().getDeletionTimestamp() != null;
    if (runGone || run.get().phase().isTerminal()) {
      return Decision.releaseNow();
    }
    Instant giveUpAt = resultDeadline(pod, resultWait).orElse(now.plus(resultWait));
    if (!now.isBefore(giveUpAt)) {
      return Decision.releaseNow();
    }
    Duration remaining = Duration.between(now, giveUpAt);
    Duration recheck = RunContainer.terminated(pod).isPresent() ? RESULT_IMMINENT : RECHECK;
    return Decision.waitFor(remaining.compareTo(recheck) < 0 ? remaining : recheck);
  }

  /**
   * When a Pod being deleted stops waiting for its kubelet: {@code resultWait} past its deletion time
   * (the end of its grace period). Empty while the Pod is not being deleted.
   */
  public static Optional<Instant> resultDeadline(Pod pod, Duration resultWait) {
    return Optional.ofNullable(pod.getMetadata().getDeletionTimestamp())
        .map(Instant::parse)
        .map(deletedAt -> deletedAt.plus(resultWait));
  }

  private static Optional<String> ownerUid(Pod pod) {
    return pod.getMetadata().getOwnerReferences().stream()
        .filter(ref -> "JobRun".equals(ref.getKind()))
        .map(OwnerReference::getUid)
        .findFirst();
  }
}
