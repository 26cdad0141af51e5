package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultTrackingTest {

  private static final Instant DELETED_AT = Instant.parse("2026-11-28T10:00:00Z");
  private static final Duration RESULT_WAIT = Duration.ofMinutes(5);

  private final JobRun run = TestRuns.manualRun("hello-manual-1", "hello");

  private Pod deletedPod(io.fabric8.kubernetes.api.model.PodStatus status) {
    Pod pod = TestRuns.pod(run, status);
    pod.getMetadata().setDeletionTimestamp(DELETED_AT.toString());
    return pod;
  }

  private JobRun runIn(JobRunPhase phase) {
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    run.setStatus(status);
    return run;
  }

  private static ResultTracking.Decision decide(Pod pod, Optional<JobRun> run, Instant now) {
    return ResultTracking.mayRelease(pod, run, now, RESULT_WAIT);
  }

  @Test
  void podOfAFinishedRunIsReleased() {
    Pod pod = deletedPod(TestRuns.terminated(0, "{\"exitCode\":0}"));

    assertThat(decide(pod, Optional.of(runIn(JobRunPhase.Succeeded)), DELETED_AT).release()).isTrue();
  }

  @Test
  void podWhoseRunIsGoneIsReleasedAtOnce() {
    Pod pod = deletedPod(TestRuns.running("2026-11-28T09:59:00Z"));

    assertThat(decide(pod, Optional.empty(), DELETED_AT).release()).isTrue();
  }

  @Test
  void podWhoseRunWasReplacedByANewOneOfTheSameNameIsReleased() {
    Pod pod = deletedPod(TestRuns.running("2026-11-28T09:59:00Z"));
    JobRun successor = TestRuns.manualRun("hello-manual-1", "hello");
    successor.getMetadata().setUid("another-uid");

    assertThat(decide(pod, Optional.of(successor), DELETED_AT).release()).isTrue();
  }

  @Test
  void podWhoseRunIsBeingDeletedIsReleased() {
    Pod pod = deletedPod(TestRuns.running("2026-11-28T09:59:00Z"));
    JobRun leaving = runIn(JobRunPhase.Running);
    leaving.getMetadata().setDeletionTimestamp(DELETED_AT.toString());

    assertThat(decide(pod, Optional.of(leaving), DELETED_AT).release()).isTrue();
  }

  @Test
  void runningPodWaitsForItsResultAndLooksAgainEveryMinute() {
    Pod pod = deletedPod(TestRuns.running("2026-11-28T09:59:00Z"));

    ResultTracking.Decision decision =
        decide(pod, Optional.of(runIn(JobRunPhase.Running)), DELETED_AT.plusSeconds(10));

    assertThat(decision.release()).isFalse();
    assertThat(decision.recheckAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void endedContainerWhoseResultIsNotStoredYetIsLookedAtAgainSoon() {
    Pod pod = deletedPod(TestRuns.terminated(1, "{\"exitCode\":1}"));

    ResultTracking.Decision decision =
        decide(pod, Optional.of(runIn(JobRunPhase.Running)), DELETED_AT.plusSeconds(10));

    assertThat(decision.release()).isFalse();
    assertThat(decision.recheckAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void waitingNeverOutlastsTheResultWait() {
    Pod pod = deletedPod(new PodStatusBuilder().withPhase("Running").build());
    Optional<JobRun> unfinished = Optional.of(runIn(JobRunPhase.Running));

    ResultTracking.Decision almost =
        decide(pod, unfinished, DELETED_AT.plus(RESULT_WAIT).minusSeconds(20));
    assertThat(almost.recheckAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(decide(pod, unfinished, DELETED_AT.plus(RESULT_WAIT)).release()).isTrue();
  }
}
