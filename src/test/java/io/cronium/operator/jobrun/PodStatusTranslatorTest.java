package io.cronium.operator.jobrun;

import static io.cronium.operator.jobrun.TestRuns.manualRun;
import static io.cronium.operator.jobrun.TestRuns.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.ToolSend;
import io.cronium.api.v1alpha1.ToolSendOutcome;
import io.cronium.contract.ReceivedResult;
import io.cronium.contract.ToolSendRecord;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PodStatusTranslatorTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:30Z");
  private final PodStatusTranslator translator = new PodStatusTranslator(Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(60));
  private final JobRun run = manualRun("hello-manual-1", "hello");

  /** Translates as the reconciler does: the result comes from the Pod's termination message. */
  private PodStatusTranslator.Translation translate(Pod pod) {
    var message = RunContainer.terminated(pod).map(t -> t.getMessage()).orElse(null);
    return translator.translate(new JobRunStatus(), pod, ReceivedResult.read(message, Optional.empty()), NOW);
  }

  @Test
  void podWithoutContainerStatusIsPendingAndRecheckedAtTheDeadline() {
    var translation = translate(pod(run, new PodStatusBuilder().withPhase("Pending").build()));

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.Pending);
    assertThat(translation.status().getReason()).isEqualTo(JobRunReasons.POD_PENDING);
    assertThat(translation.status().getPodName()).isEqualTo("hello-manual-1");
    // created 10:00:00 + 60 s timeout + 15 s grace, seen at 10:00:30
    assertThat(translation.recheckAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(translation.stopPod()).isFalse();
  }

  @Test
  void aRunningPodBeingDeletedWaitsForItsNodeUntilTheResultWaitIsOver() {
    Pod deleted = pod(run, TestRuns.running("2026-11-28T10:00:05Z"));
    deleted.getMetadata().setAnnotations(null);
    deleted.getMetadata().setDeletionTimestamp("2026-11-28T10:00:20Z");

    var waiting = translate(deleted);

    assertThat(waiting.status().getPhase()).isEqualTo(JobRunPhase.Running);
    // deletion time 10:00:20 + 60 s result wait, seen at 10:00:30
    assertThat(waiting.recheckAfter()).isEqualTo(Duration.ofSeconds(50));
  }

  @Test
  void aRunningPodWhoseNodeNeverFinishesTheDeleteEndsTheRunPodLost() {
    Pod deleted = pod(run, TestRuns.running("2026-11-28T10:00:05Z"));
    deleted.getMetadata().setDeletionTimestamp("2026-11-28T09:59:30Z");

    var translation = translate(deleted);

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(translation.status().getReason()).isEqualTo(JobRunReasons.POD_LOST);
    assertThat(translation.status().getMessage()).contains("node has not reported").contains("60s");
  }

  @Test
  void podWithoutTimeoutAnnotationHasNoOperatorDeadline() {
    Pod foreign = pod(run, TestRuns.running("2026-11-28T10:00:05Z"));
    foreign.getMetadata().setAnnotations(null);

    var translation = translate(foreign);

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.Running);
    assertThat(translation.recheckAfter()).isNull();
    assertThat(translation.stopPod()).isFalse();
  }

  @Test
  void runningContainerGivesRunningWithItsStartTimeAndImageDigest() {
    var status = translate(pod(run, TestRuns.running("2026-11-28T10:00:05Z"))).status();

    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Running);
    assertThat(status.getStartTime()).isEqualTo("2026-11-28T10:00:05Z");
    assertThat(status.getImageDigest()).isEqualTo("docker.io/cronium/runtime-api@sha256:abc");
  }

  @Test
  void exitZeroSucceedsWithOutputAndCondition() {
    var status =
        translate(
                pod(run, TestRuns.terminated(0, "{\"exitCode\":0,\"output\":{\"a\":1},\"condition\":true}")))
            .status();

    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(status.getReason()).isEqualTo(JobRunReasons.COMPLETED);
    assertThat(status.getExitCode()).isZero();
    assertThat(status.getOutput()).isEqualTo(Serialization.jsonMapper().createObjectNode().put("a", 1));
    assertThat(status.getCondition()).isTrue();
    assertThat(status.getStartTime()).isEqualTo("2026-11-28T10:00:01Z");
    assertThat(status.getCompletionTime()).isEqualTo("2026-11-28T10:00:03Z");
  }

  @Test
  void theScriptsSendsGoIntoTheStatusWithTheirAttempt() {
    var status = translate(pod(run, TestRuns.terminated(0, "{\"exitCode\":0,\"sends\":["
        + "{\"tool\":\"ops-slack\",\"type\":\"slack\",\"target\":\"#ops\",\"sent\":true,\"reason\":null,"
        + "\"message\":\"sent through tool \\\"ops-slack\\\" (HTTP 200)\"},"
        + "{\"tool\":\"mail\",\"type\":\"email\",\"target\":null,\"sent\":false,\"reason\":\"ToolNotListed\","
        + "\"message\":\"not listed\"}]}"))).status();

    assertThat(status.getSends()).containsExactly(
        new ToolSend(1, "ops-slack", "slack", "#ops", ToolSendOutcome.Sent, null, "sent through tool \"ops-slack\" (HTTP 200)"),
        new ToolSend(1, "mail", "email", null, ToolSendOutcome.Failed, "ToolNotListed", "not listed"));
  }

  @Test
  void sendsOfEarlierAttemptsStayAndAResultReadAgainIsNotRecordedTwice() {
    ToolSendRecord again = new ToolSendRecord("ops-slack", "slack", "#ops", true, null, "sent");
    List<ToolSend> first = PodStatusTranslator.withSends(List.of(), 1, List.of(again));
    JobRunStatus retried = new JobRunStatus();
    retried.setAttempt(1);
    retried.setSends(first);

    List<ToolSend> second = PodStatusTranslator.withSends(translator.nextAttempt(retried).getSends(), 2, List.of(again));

    assertThat(PodStatusTranslator.withSends(second, 2, List.of(again)))
        .extracting(ToolSend::getAttempt).containsExactly(1, 2);
  }

  private static final String RESULT_IN_LOG = "{\"exitCode\":%d,\"resultInLog\":true}";

  @Test
  void aResultInALogTheNodeDoesNotServeYetKeepsTheRunRunningAndLooksAgainSoon() {
    // ended 10:00:03, seen at 10:00:30: 33 s of the 60 s result wait are left
    var translation = translate(pod(run, TestRuns.terminated(0, RESULT_IN_LOG.formatted(0))));

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.Running);
    assertThat(translation.status().getReason()).isEqualTo(JobRunReasons.READING_RESULT);
    assertThat(translation.status().getCompletionTime()).isNull();
    assertThat(translation.recheckAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(translation.stopPod()).isFalse();
  }

  @Test
  void theLastLookForAResultInTheLogComesAtTheEndOfTheResultWait() {
    var ended = TestRuns.terminated(0, RESULT_IN_LOG.formatted(0),
        Instant.parse("2026-11-28T09:59:00Z"), Instant.parse("2026-11-28T09:59:32Z"));

    assertThat(translate(pod(run, ended)).recheckAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aResultInALogNeverServedFailsAnExitZeroRunAsResultNotRead() {
    var ended = TestRuns.terminated(0, RESULT_IN_LOG.formatted(0),
        Instant.parse("2026-11-28T09:59:00Z"), Instant.parse("2026-11-28T09:59:30Z"));

    var translation = translate(pod(run, ended));

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(translation.status().getReason()).isEqualTo(JobRunReasons.RESULT_NOT_READ);
    assertThat(translation.status().getExitCode()).isZero();
    assertThat(translation.status().getMessage())
        .contains("exited with code 0").contains("log of Pod hello-manual-1").contains("60s");
    assertThat(translation.recheckAfter()).isNull();
  }

  @Test
  void aFailedScriptWhoseResultWasNeverServedStaysAScriptFailureAndSaysWhatIsLost() {
    var ended = TestRuns.terminated(2, RESULT_IN_LOG.formatted(2),
        Instant.parse("2026-11-28T09:59:00Z"), Instant.parse("2026-11-28T09:59:30Z"));

    var status = translate(pod(run, ended)).status();

    assertThat(status.getReason()).isEqualTo(JobRunReasons.SCRIPT_FAILED);
    assertThat(status.getMessage()).startsWith("the script exited with code 2.").contains("could not be read");
  }

  @Test
  void nonZeroExitFailsWithTheExitCode() {
    var status = translate(pod(run, TestRuns.terminated(3, "{\"exitCode\":3}"))).status();

    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(status.getReason()).isEqualTo(JobRunReasons.SCRIPT_FAILED);
    assertThat(status.getExitCode()).isEqualTo(3);
    assertThat(status.getMessage()).contains("code 3");
  }

  @Test
  void exitCodeAloneDecidesWhenTheTerminationMessageIsNotOurs() {
    var status = translate(pod(run, TestRuns.terminated(2, "panic: boom"))).status();

    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(status.getExitCode()).isEqualTo(2);
    assertThat(status.getOutput()).isNull();
  }

  @Test
  void runtimeReportedTimeoutIsTimedOutWithExitCodeMinusOne() {
    var status =
        translate(pod(run, TestRuns.terminated(124, "{\"exitCode\":124,\"timedOut\":true}")))
            .status();

    assertThat(status.getPhase()).isEqualTo(JobRunPhase.TimedOut);
    assertThat(status.getReason()).isEqualTo(JobRunReasons.TIMED_OUT);
    assertThat(status.getExitCode()).isEqualTo(-1);
  }

  @Test
  void runtimeErrorIsReportedWithItsMessage() {
    var status =
        translate(pod(run, TestRuns.terminated(127, "{\"exitCode\":127,\"error\":\"python3 not found\"}")))
            .status();

    assertThat(status.getReason()).isEqualTo(JobRunReasons.RUNTIME_ERROR);
    assertThat(status.getMessage()).contains("python3 not found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"InvalidImageName", "ErrImageNeverPull"})
  void anImageThatCanNeverBePulledFailsAtOnceNamingTheImageAndHowToBuildIt(String reason) {
    var translation = translate(pod(run, TestRuns.waiting(reason, "not found")));

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(translation.status().getReason()).isEqualTo(JobRunReasons.IMAGE_PULL_FAILED);
    assertThat(translation.status().getMessage())
        .contains("cronium/runtime-api:test")
        .contains(reason)
        .contains("make image");
    assertThat(translation.stopPod()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ErrImagePull", "ImagePullBackOff"})
  void aFailingPullWaitsForTheKubeletsRetriesUntilTheGraceEnds(String reason) {
    Pod pulling = pod(run, TestRuns.waiting(reason, "registry unreachable"));

    var meanwhile = translate(pulling);
    assertThat(meanwhile.status().getPhase()).isEqualTo(JobRunPhase.Pending);
    assertThat(meanwhile.status().getMessage()).contains(reason).contains("registry unreachable");
    // Created at 10:00:00, so the 60 s grace ends 30 s after NOW.
    assertThat(meanwhile.recheckAfter()).isEqualTo(Duration.ofSeconds(30));

    var afterGrace = translator.translate(new JobRunStatus(), pulling, Optional.empty(), NOW.plusSeconds(30));
    assertThat(afterGrace.status().getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(afterGrace.status().getReason()).isEqualTo(JobRunReasons.IMAGE_PULL_FAILED);
    assertThat(afterGrace.stopPod()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "secret \"api-token\" not found | Secret \"api-token\"",
      "configmap \"settings\" not found | ConfigMap \"settings\"",
      "couldn't find key password in Secret team-a/db | key \"password\" of Secret \"db\"",
      "couldn't find key region in ConfigMap team-a/settings | key \"region\" of ConfigMap \"settings\""})
  void missingEnvSourceFailsTheRunNamingIt(String kubeletMessage, String named) {
    var translation =
        translate(pod(run, TestRuns.waiting("CreateContainerConfigError", kubeletMessage)));

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(translation.status().getReason()).isEqualTo(JobRunReasons.ENV_SOURCE_NOT_FOUND);
    assertThat(translation.status().getMessage()).startsWith(named + ", which the Event's env");
    assertThat(translation.stopPod()).isTrue();
  }

  @Test
  void otherContainerConfigErrorsFailAsPodStartFailedWithTheKubeletMessage() {
    var status =
        translate(pod(run, TestRuns.waiting("CreateContainerConfigError", "invalid volume mount")))
            .status();

    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(status.getReason()).isEqualTo(JobRunReasons.POD_START_FAILED);
    assertThat(status.getMessage()).contains("invalid volume mount");
  }

  @Test
  void runningPastTimeoutPlusGraceTimesOutAndStopsThePod() {
    Pod pod = pod(run, TestRuns.running("2026-11-28T10:00:00Z"));
    var translation =
        translator.translate(new JobRunStatus(), pod, Optional.empty(), Instant.parse("2026-11-28T10:01:15Z"));

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.TimedOut);
    assertThat(translation.status().getReason()).isEqualTo(JobRunReasons.DEADLINE_EXCEEDED);
    assertThat(translation.status().getExitCode()).isEqualTo(-1);
    assertThat(translation.stopPod()).isTrue();
  }

  @Test
  void runningJustBeforeTheDeadlineKeepsRunning() {
    Pod pod = pod(run, TestRuns.running("2026-11-28T10:00:00Z"));
    var translation =
        translator.translate(new JobRunStatus(), pod, Optional.empty(), Instant.parse("2026-11-28T10:01:14Z"));

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.Running);
    assertThat(translation.recheckAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void kubeletDeadlineExceededIsTimedOut() {
    Pod pod =
        pod(run, new PodStatusBuilder().withPhase("Failed").withReason("DeadlineExceeded").build());

    assertThat(translate(pod).status().getPhase()).isEqualTo(JobRunPhase.TimedOut);
  }

  @Test
  void evictedBeforeTheContainerRanIsPodLost() {
    Pod pod = pod(run, new PodStatusBuilder().withPhase("Failed").withReason("Evicted").build());

    var status = translate(pod).status();
    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(status.getReason()).isEqualTo(JobRunReasons.POD_LOST);
    assertThat(status.getMessage()).contains("Evicted");
  }

  @Test
  void vanishedPodFailsTheRun() {
    var status = translator.podLost(new JobRunStatus(), "hello-manual-1", NOW);

    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(status.getReason()).isEqualTo(JobRunReasons.POD_LOST);
    assertThat(status.getCompletionTime()).isEqualTo(NOW.toString());
  }

  @Test
  void podDeletedBeforeItsContainerStartedIsPodLostAtOnce() {
    Pod pod = pod(run, TestRuns.waiting("ContainerCreating", null));
    pod.getMetadata().setDeletionTimestamp("2026-11-28T10:00:20Z");

    var translation = translate(pod);

    assertThat(translation.status().getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(translation.status().getReason()).isEqualTo(JobRunReasons.POD_LOST);
    assertThat(translation.stopPod()).isFalse();
  }

  @Test
  void runningPodBeingDeletedKeepsRunningUntilTheKubeletReportsTheEnd() {
    Pod pod = pod(run, TestRuns.running("2026-11-28T10:00:05Z"));
    pod.getMetadata().setDeletionTimestamp("2026-11-28T10:00:20Z");

    assertThat(translate(pod).status().getPhase()).isEqualTo(JobRunPhase.Running);
  }

  @Test
  void aScriptStoppedBecauseItsPodWasDeletedIsPodLostNotAScriptFailure() {
    Pod pod = pod(run, TestRuns.terminated(137, null));
    pod.getMetadata().setDeletionTimestamp("2026-11-28T10:00:20Z");

    var status = translate(pod).status();

    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Failed);
    assertThat(status.getReason()).isEqualTo(JobRunReasons.POD_LOST);
    assertThat(status.getExitCode()).isEqualTo(137);
    assertThat(status.getMessage()).contains("deleted while its script ran").contains("137");
  }

  @Test
  void aScriptThatSucceededJustBeforeItsPodWasDeletedSucceeded() {
    Pod pod = pod(run, TestRuns.terminated(0, "{\"exitCode\":0}"));
    pod.getMetadata().setDeletionTimestamp("2026-11-28T10:00:20Z");

    assertThat(translate(pod).status().getPhase()).isEqualTo(JobRunPhase.Succeeded);
  }

  @Test
  void aTerminationMessageThatIsNotAResultIsKeptVerbatim() {
    var status = translate(pod(run, TestRuns.terminated(139, "segfault in libfoo"))).status();

    assertThat(status.getExitCode()).isEqualTo(139);
    assertThat(status.getTerminationMessage()).isEqualTo("segfault in libfoo");
  }

  @Test
  void runtimeApisResultIsTranslatedNotKeptRaw() {
    var status = translate(pod(run, TestRuns.terminated(0,
        "{\"exitCode\":0,\"variables\":{\"token\":\"s3cret\"}}"))).status();

    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(status.getTerminationMessage()).isNull();
  }
}
