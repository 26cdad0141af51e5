package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.ToolSend;
import io.cronium.api.v1alpha1.ToolSendOutcome;
import io.cronium.contract.ReceivedResult;
import io.cronium.contract.RunResult;
import io.cronium.contract.ToolSendRecord;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Translates what a job Pod shows into the JobRun's status. Pure: the caller supplies the
 * clock and the parsed result, and carries out the returned decision (write status, stop Pod).
 */
public final class PodStatusTranslator {

  /** runtime-api's exit code convention for a run stopped at its timeout is replaced by -1. */
  public static final int TIMED_OUT_EXIT_CODE = -1;
  /** Exit code recorded for a run stopped by spec.cancel, whatever the killed script returned. */
  public static final int CANCELLED_EXIT_CODE = -2;

  /** The image can never be pulled as written: the run fails at once. */
  private static final Set<String> IMAGE_NEVER_PULLABLE = Set.of("InvalidImageName", "ErrImageNeverPull");
  /** A pull that failed and that the kubelet retries with backoff: a registry hiccup may pass. */
  private static final Set<String> IMAGE_PULL_RETRYING = Set.of("ErrImagePull", "ImagePullBackOff");
  private static final Set<String> START_FAILURES =
      Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");

  // The kubelet's CreateContainerConfigError messages for a missing env source.
  private static final Pattern MISSING_OBJECT = Pattern.compile("(secret|configmap) \"([^\"]+)\" not found");
  private static final Pattern MISSING_KEY =
      Pattern.compile("couldn't find key (\\S+) in (Secret|ConfigMap) (?:[^/\\s]+/)?(\\S+)");

  /** How often a run whose result is in a log the node does not serve yet looks again. */
  private static final Duration RESULT_LOG_RECHECK = Duration.ofSeconds(5);

  private final Duration timeoutGrace;
  private final Duration imagePullGrace;
  private final Duration resultWait;

  /**
   * @param imagePullGrace how long after its Pod's creation a run whose image pull keeps failing
   *     still waits for the kubelet's retries before it fails
   * @param timeoutGrace how long past a run's timeout the operator waits before it stops the Pod
   * @param resultWait how long past a deleted Pod's deletion time its kubelet may still report,
   *     and past a container's end its node may take to serve the log that holds its result
   */
  public PodStatusTranslator(Duration timeoutGrace, Duration resultWait, Duration imagePullGrace) {
    this.timeoutGrace = timeoutGrace;
    this.imagePullGrace = imagePullGrace;
    this.resultWait = resultWait;
  }

  /** The new status, whether the Pod must be stopped, and when to look again (if ever). */
  public record Translation(JobRunStatus status, boolean stopPod, Duration recheckAfter) {}

  /**
   * @param current the JobRun's status; never terminal (terminal runs are not translated)
   * @param result the run's result when the container has terminated and reported one
   */
  public Translation translate(
      JobRunStatus current, Pod pod, Optional<ReceivedResult> result, Instant now) {
    JobRunStatus next = copyOf(current);
    next.setPodName(pod.getMetadata().getName());
    next.setAttempt(current.attemptNumber());
    Optional<ContainerStatus> container = RunContainer.status(pod);
    container
        .map(ContainerStatus::getImageID)
        .filter(id -> !id.isBlank())
        .ifPresent(next::setImageDigest);
    Optional<ContainerState> state = container.map(ContainerStatus::getState);

    Optional<ContainerStateTerminated> terminated = state.map(ContainerState::getTerminated);
    if (terminated.isPresent()) {
      return finished(next, pod, terminated.get(), result, now);
    }
    if ("Failed".equals(phaseOf(pod))) {
      return podFailedWithoutContainer(next, pod, now);
    }
    Optional<String> runningSince =
        state.map(ContainerState::getRunning).map(running -> running.getStartedAt());
    if (pod.getMetadata().getDeletionTimestamp() != null && runningSince.isEmpty()) {
      // Deleted before its script started: nothing will ever report for this run.
      return new Translation(podLost(next, pod.getMetadata().getName(), now), false, null);
    }
    Optional<Instant> resultDeadline = ResultTracking.resultDeadline(pod, resultWait);
    if (resultDeadline.isPresent() && !now.isBefore(resultDeadline.get())) {
      // The kubelet never finished the delete (node lost): the Pod may stay Terminating for good.
      return new Translation(failedWithoutPod(next, JobRunReasons.POD_LOST, "Pod " + pod.getMetadata().getName()
          + " is being deleted and its node has not reported how the container ended "
          + resultWait.toSeconds() + "s past its grace period (node lost?).", now), false, null);
    }
    Optional<ContainerStateWaiting> waiting = state.map(ContainerState::getWaiting);
    Optional<Instant> pullGiveUp = waiting
        .filter(w -> IMAGE_PULL_RETRYING.contains(w.getReason()))
        .map(w -> Optional.ofNullable(pod.getMetadata().getCreationTimestamp()).map(Instant::parse).orElse(now)
            .plus(imagePullGrace));
    boolean pullFailedForGood = waiting.map(w -> IMAGE_NEVER_PULLABLE.contains(w.getReason())).orElse(false)
        || pullGiveUp.map(giveUp -> !now.isBefore(giveUp)).orElse(false);
    if (pullFailedForGood) {
      String image = pod.getSpec().getContainers().get(0).getImage();
      return failed(
          next,
          JobRunReasons.IMAGE_PULL_FAILED,
          "cannot pull image \"" + image + "\" (" + describe(waiting.get()) + "). Build it with"
              + " \"make image\" (runtime-api/Dockerfile) and load it into your nodes or push it"
              + " to a registry they reach, or point the operator at an image they can pull"
              + " (setting cronium.runtime.image / Helm value runtimeImage).",
          now);
    }
    Optional<String> missingEnvSource = waiting.flatMap(PodStatusTranslator::missingEnvSource);
    if (missingEnvSource.isPresent()) {
      return failed(
          next,
          JobRunReasons.ENV_SOURCE_NOT_FOUND,
          missingEnvSource.get() + ", which the Event's env refers to, does not exist in namespace "
              + pod.getMetadata().getNamespace() + ". Create it (or fix the reference) and run the"
              + " Event again.",
          now);
    }
    if (waiting.isPresent() && START_FAILURES.contains(waiting.get().getReason())) {
      return failed(
          next,
          JobRunReasons.POD_START_FAILED,
          "the run's container cannot start (" + describe(waiting.get()) + "). Check the Secrets"
              + " and ConfigMaps the Event's env refers to.",
          now);
    }

    Optional<Instant> deadline = deadline(pod, current);
    if (deadline.isPresent() && !now.isBefore(deadline.get())) {
      next.setPhase(JobRunPhase.TimedOut);
      next.setReason(JobRunReasons.DEADLINE_EXCEEDED);
      next.setMessage(
          "no result within timeoutSeconds=" + timeoutSeconds(pod).orElseThrow() + " plus "
              + timeoutGrace.toSeconds() + "s grace; the operator stopped Pod "
              + pod.getMetadata().getName() + ".");
      next.setExitCode(TIMED_OUT_EXIT_CODE);
      next.setCompletionTime(now.toString());
      return new Translation(next, true, null);
    }
    if (runningSince.isPresent()) {
      next.setPhase(JobRunPhase.Running);
      next.setReason(null);
      next.setMessage(null);
      next.setStartTime(runningSince.get());
    } else {
      next.setPhase(JobRunPhase.Pending);
      next.setReason(JobRunReasons.POD_PENDING);
      next.setMessage(
          waiting.map(w -> "Pod " + pod.getMetadata().getName() + " waiting: " + describe(w))
              .orElse("Pod " + pod.getMetadata().getName() + " is waiting to start."));
    }
    Duration recheck = Stream.of(deadline, resultDeadline, pullGiveUp).flatMap(Optional::stream)
        .min(Comparator.naturalOrder())
        .map(at -> Duration.between(now, at))
        .orElse(null);
    return new Translation(next, false, recheck);
  }

  /** The run ended: its Pod is gone before it reported anything. */
  public JobRunStatus podLost(JobRunStatus current, String podName, Instant now) {
    return failedWithoutPod(
        current,
        JobRunReasons.POD_LOST,
        "Pod " + podName + " was deleted before it reported a result (evicted, node lost or"
            + " deleted by hand).",
        now);
  }

  /**
   * A failed attempt that will be retried: not terminal, so nothing counts it yet. Its exit code
   * and log tail stay visible until the next attempt starts.
   */
  public JobRunStatus retryScheduled(JobRunStatus failedAttempt, Instant nextAttemptTime) {
    JobRunStatus next = copyOf(failedAttempt);
    next.setPhase(JobRunPhase.Pending);
    next.setReason(JobRunReasons.RETRY_SCHEDULED);
    next.setMessage("Attempt " + failedAttempt.attemptNumber() + " ended " + failedAttempt.getPhase()
        + " (" + failedAttempt.getReason()
        + (failedAttempt.getMessage() == null ? "" : ": " + failedAttempt.getMessage())
        + "); attempt " + (failedAttempt.attemptNumber() + 1) + " starts at " + nextAttemptTime + ".");
    next.setCompletionTime(null);
    next.setNextAttemptTime(nextAttemptTime.toString());
    return next;
  }

  /**
   * The status a retry's new attempt starts from: nothing of the previous attempt but its number
   * and the messages its script sent, which went out whatever happens next.
   */
  public JobRunStatus nextAttempt(JobRunStatus retryScheduled) {
    JobRunStatus next = new JobRunStatus();
    next.setPhase(JobRunPhase.Pending);
    next.setAttempt(retryScheduled.attemptNumber() + 1);
    next.setSends(new ArrayList<>(retryScheduled.getSends()));
    return next;
  }

  /**
   * The earlier attempts' sends and this attempt's, the latest {@value JobRunStatus#MAX_SENDS}.
   * This attempt's replace any it already has, so a result read twice is recorded once.
   */
  static List<ToolSend> withSends(List<ToolSend> recorded, int attempt, List<ToolSendRecord> sends) {
    List<ToolSend> all = new ArrayList<>();
    recorded.stream().filter(send -> !Integer.valueOf(attempt).equals(send.getAttempt())).forEach(all::add);
    for (ToolSendRecord send : sends) {
      all.add(new ToolSend(attempt, send.tool(), send.type(), send.target(),
          send.sent() ? ToolSendOutcome.Sent : ToolSendOutcome.Failed, send.reason(), send.message()));
    }
    return new ArrayList<>(all.subList(Math.max(0, all.size() - JobRunStatus.MAX_SENDS), all.size()));
  }

  /** The attempt ended, but the variables it set are lost: it fails whatever its exit code. */
  public JobRunStatus variablesNotSaved(JobRunStatus finished, String problem) {
    JobRunStatus next = copyOf(finished);
    next.setPhase(JobRunPhase.Failed);
    next.setReason(JobRunReasons.VARIABLES_NOT_SAVED);
    next.setMessage(problem);
    return next;
  }

  /** The run was cancelled; its Pod, if any, is being stopped. */
  public JobRunStatus cancelled(JobRunStatus current, Instant now) {
    JobRunStatus next = copyOf(current);
    next.setPhase(JobRunPhase.Cancelled);
    next.setReason(JobRunReasons.CANCELLED);
    next.setMessage("Cancelled by spec.cancel" + (current.getPodName() == null
        ? " before a Pod was created." : "; Pod " + current.getPodName() + " was stopped."));
    next.setExitCode(CANCELLED_EXIT_CODE);
    next.setNextAttemptTime(null);
    next.setCompletionTime(now.toString());
    return next;
  }

  /** The run ended before (or without) a Pod that could report anything. */
  public JobRunStatus failedWithoutPod(
      JobRunStatus current, String reason, String message, Instant now) {
    JobRunStatus next = copyOf(current);
    next.setPhase(JobRunPhase.Failed);
    next.setReason(reason);
    next.setMessage(message);
    next.setCompletionTime(now.toString());
    return next;
  }

  private Translation finished(
      JobRunStatus next, Pod pod, ContainerStateTerminated terminated, Optional<ReceivedResult> received,
      Instant now) {
    Optional<RunResult> result = received.map(ReceivedResult::result);
    int exitCode = terminated.getExitCode() == null ? -1 : terminated.getExitCode();
    next.setStartTime(firstNonNull(terminated.getStartedAt(), next.getStartTime()));
    boolean logUnread = received.map(ReceivedResult::logUnread).orElse(false);
    Optional<Instant> readLogUntil = Optional.ofNullable(terminated.getFinishedAt())
        .filter(finishedAt -> logUnread)
        .map(finishedAt -> Instant.parse(finishedAt).plus(resultWait));
    if (readLogUntil.filter(now::isBefore).isPresent()) {
      // A node may serve a log late or cut (a busy kubelet, a rotated file): the run is not over
      // until its variables are known.
      next.setPhase(JobRunPhase.Running);
      next.setReason(JobRunReasons.READING_RESULT);
      next.setMessage("the script exited with code " + exitCode + "; its result is in the log of Pod "
          + pod.getMetadata().getName() + ", which its node has not served yet.");
      Duration untilGiveUp = Duration.between(now, readLogUntil.get());
      return new Translation(next, false,
          untilGiveUp.compareTo(RESULT_LOG_RECHECK) < 0 ? untilGiveUp : RESULT_LOG_RECHECK);
    }
    next.setCompletionTime(firstNonNull(terminated.getFinishedAt(), now.toString()));
    next.setExitCode(exitCode);
    if (result.isEmpty() && terminated.getMessage() != null && !terminated.getMessage().isBlank()) {
      // runtime-api's own result is translated field by field, never kept raw (it may carry
      // variable values); anything else is the only clue to why the container ended.
      next.setTerminationMessage(terminated.getMessage());
    }
    result.ifPresent(
        r -> {
          next.setOutput(r.output().orElse(null));
          next.setCondition(r.condition().orElse(null));
          next.setOutputTruncated(r.outputTruncated() ? Boolean.TRUE : null);
          next.setSends(withSends(next.getSends(), next.attemptNumber(), r.sends()));
        });
    if (result.map(RunResult::timedOut).orElse(false)) {
      next.setPhase(JobRunPhase.TimedOut);
      next.setExitCode(TIMED_OUT_EXIT_CODE);
      next.setReason(JobRunReasons.TIMED_OUT);
      next.setMessage("the script ran longer than its timeoutSeconds and was stopped.");
    } else if (exitCode == 0) {
      next.setPhase(JobRunPhase.Succeeded);
      next.setReason(JobRunReasons.COMPLETED);
      next.setMessage("the script exited with code 0.");
    } else if (pod.getMetadata().getDeletionTimestamp() != null) {
      // The operator deletes a running Pod only once the run is terminal (timeout, cancel), so
      // someone else stopped the script: its exit code says nothing about the script.
      next.setPhase(JobRunPhase.Failed);
      next.setReason(JobRunReasons.POD_LOST);
      next.setMessage("Pod " + pod.getMetadata().getName() + " was deleted while its script ran (evicted,"
          + " drained or deleted by hand); the container was stopped with exit code " + exitCode + ".");
    } else if (result.map(RunResult::error).isPresent()) {
      next.setPhase(JobRunPhase.Failed);
      next.setReason(JobRunReasons.RUNTIME_ERROR);
      next.setMessage("runtime-api could not run the script: " + result.get().error());
    } else if ("OOMKilled".equals(terminated.getReason())) {
      next.setPhase(JobRunPhase.Failed);
      next.setReason(JobRunReasons.OUT_OF_MEMORY);
      next.setMessage("the script exceeded its memory limit and was killed.");
    } else {
      next.setPhase(JobRunPhase.Failed);
      next.setReason(JobRunReasons.SCRIPT_FAILED);
      next.setMessage("the script exited with code " + exitCode + ".");
    }
    received.flatMap(ReceivedResult::outputLost).ifPresent(lost -> next.setMessage(
        next.getMessage() + " Its output could not be read back from the log: " + lost + "."));
    if (logUnread) {
      resultNotRead(next, pod);
    }
    return new Translation(next, false, null);
  }

  /**
   * The part of the result that travels in the log never arrived. Without its variables the run
   * did not do all it was asked, so one that exited 0 fails, as when its variables are not saved.
   */
  private void resultNotRead(JobRunStatus next, Pod pod) {
    String lost = "its result (output, variables and sends), which runtime-api wrote to the log of Pod "
        + pod.getMetadata().getName() + ", could not be read from its node within "
        + resultWait.toSeconds() + "s of the container's end";
    if (next.getPhase() == JobRunPhase.Succeeded) {
      next.setPhase(JobRunPhase.Failed);
      next.setReason(JobRunReasons.RESULT_NOT_READ);
      next.setMessage("the script exited with code 0, but " + lost + ".");
    } else {
      next.setMessage(next.getMessage() + " Also, " + lost + ".");
    }
  }

  private Translation podFailedWithoutContainer(JobRunStatus next, Pod pod, Instant now) {
    String podReason = pod.getStatus().getReason();
    String detail = firstNonNull(pod.getStatus().getMessage(), "no message");
    if ("DeadlineExceeded".equals(podReason)) {
      next.setPhase(JobRunPhase.TimedOut);
      next.setExitCode(TIMED_OUT_EXIT_CODE);
      next.setReason(JobRunReasons.DEADLINE_EXCEEDED);
      next.setMessage("the kubelet stopped Pod " + pod.getMetadata().getName() + ": " + detail);
      next.setCompletionTime(now.toString());
      return new Translation(next, false, null);
    }
    return failed(
        next,
        JobRunReasons.POD_LOST,
        "Pod " + pod.getMetadata().getName() + " failed before its container ran ("
            + firstNonNull(podReason, "Failed") + ": " + detail + ").",
        now);
  }

  private Translation failed(JobRunStatus next, String reason, String message, Instant now) {
    // The Pod can never succeed; stop it so it does not retry pulls or hold a node slot.
    return new Translation(failedWithoutPod(next, reason, message, now), true, null);
  }

  /**
   * Timeout plus grace, counted from the script's start, or from Pod creation while pending. A Pod
   * without the timeout annotation was not built by this operator version: no operator deadline.
   */
  private Optional<Instant> deadline(Pod pod, JobRunStatus current) {
    String since =
        RunContainer.status(pod)
            .map(ContainerStatus::getState)
            .map(ContainerState::getRunning)
            .map(running -> running.getStartedAt())
            .orElse(firstNonNull(current.getStartTime(), pod.getMetadata().getCreationTimestamp()));
    Instant base = since == null ? Instant.EPOCH : Instant.parse(since);
    return timeoutSeconds(pod).map(seconds -> base.plusSeconds(seconds).plus(timeoutGrace));
  }

  private static Optional<Long> timeoutSeconds(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(JobRunLabels.TIMEOUT_SECONDS))
        .map(Long::parseLong);
  }

  private static String phaseOf(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  /**
   * The Secret or ConfigMap (or key of one) the kubelet could not find for the container's env,
   * named as the kubelet names it; only names and keys are in that message, never values.
   */
  static Optional<String> missingEnvSource(ContainerStateWaiting waiting) {
    if (!"CreateContainerConfigError".equals(waiting.getReason()) || waiting.getMessage() == null) {
      return Optional.empty();
    }
    Matcher object = MISSING_OBJECT.matcher(waiting.getMessage());
    if (object.find()) {
      String kind = object.group(1).equals("secret") ? "Secret" : "ConfigMap";
      return Optional.of(kind + " \"" + object.group(2) + "\"");
    }
    Matcher key = MISSING_KEY.matcher(waiting.getMessage());
    if (key.find()) {
      return Optional.of("key \"" + key.group(1) + "\" of " + key.group(2) + " \"" + key.group(3) + "\"");
    }
    return Optional.empty();
  }

  private static String describe(ContainerStateWaiting waiting) {
    return waiting.getMessage() == null
        ? waiting.getReason()
        : waiting.getReason() + ": " + waiting.getMessage();
  }

  private static String firstNonNull(String first, String second) {
    return first != null ? first : second;
  }

  static JobRunStatus copyOf(JobRunStatus status) {
    return Serialization.jsonMapper().convertValue(status, JobRunStatus.class);
  }
}
