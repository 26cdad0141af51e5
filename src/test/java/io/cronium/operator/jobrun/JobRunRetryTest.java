package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.api.v1alpha1.RetrySpec;
import io.cronium.api.v1alpha1.RunCounts;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.ShiftableClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API tier: failed attempts are retried as new Pods after a backoff read from the operator's
 * clock, which the test shifts instead of waiting.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class JobRunRetryTest {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ShiftableClock CLOCK = ShiftableClock.INSTANCE;

  @InjectLocalCluster LocalCluster cluster;

  private KubernetesClient client;
  private String namespace;

  @BeforeEach
  void freshNamespace() {
    client = cluster.client();
    namespace = "retry-" + NAMESPACES.incrementAndGet();
    cluster.createNamespace(namespace);
  }

  @Test
  void failedAttemptsAreRetriedWithGrowingDelaysAndTheRunIsCountedOnceByItsFinalOutcome() {
    createEvent("flaky", 2);
    client.resource(TestRuns.newRun(namespace, "flaky-run-1", "flaky")).create();

    awaitPod("flaky-run-1");
    failPod("flaky-run-1");
    JobRunStatus firstFailure = awaitRetryScheduled("flaky-run-1", 1);
    assertDueAfter(firstFailure, Duration.ofSeconds(5));
    assertThat(firstFailure.getExitCode()).isEqualTo(1);
    // Until the delay passes on the operator's clock, no new attempt starts and nothing counts.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
      assertThat(pod("flaky-run-1-attempt-2")).isNull();
      assertThat(event("flaky").getStatus().getRunCounts()).isEqualTo(new RunCounts());
      assertThat(event("flaky").getStatus().getActive()).containsExactly("flaky-run-1");
    });

    CLOCK.advance(Duration.ofSeconds(5));
    touch("flaky-run-1");
    awaitPod("flaky-run-1-attempt-2");
    assertThat(await().atMost(WAIT).until(() -> run("flaky-run-1"),
            r -> r.getStatus().getNextAttemptTime() == null).getStatus().getAttempt())
        .isEqualTo(2);
    failPod("flaky-run-1-attempt-2");
    assertDueAfter(awaitRetryScheduled("flaky-run-1", 2), Duration.ofSeconds(10));

    CLOCK.advance(Duration.ofSeconds(10));
    touch("flaky-run-1");
    awaitPod("flaky-run-1-attempt-3");
    failPod("flaky-run-1-attempt-3");

    JobRunStatus last = await().atMost(WAIT).until(() -> run("flaky-run-1"), r -> r.phase() == JobRunPhase.Failed)
        .getStatus();
    assertThat(last.getAttempt()).isEqualTo(3);
    assertThat(last.getReason()).isEqualTo(JobRunReasons.SCRIPT_FAILED);
    assertThat(last.getNextAttemptTime()).isNull();
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(event("flaky").getStatus().getRunCounts()).isEqualTo(new RunCounts(0, 1, 0, 0)));
    CLOCK.advance(Duration.ofMinutes(5));
    touch("flaky-run-1");
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
        assertThat(pod("flaky-run-1-attempt-4")).isNull());
  }

  @Test
  void aRetryThatSucceedsCountsTheRunAsSucceeded() {
    createEvent("second", 1);
    client.resource(TestRuns.newRun(namespace, "second-run-1", "second")).create();
    awaitPod("second-run-1");
    failPod("second-run-1");
    awaitRetryScheduled("second-run-1", 1);

    CLOCK.advance(Duration.ofSeconds(5));
    touch("second-run-1");
    awaitPod("second-run-1-attempt-2");
    setPodStatus("second-run-1-attempt-2", TestRuns.terminated(0, "{\"exitCode\":0}"));

    JobRunStatus done = await().atMost(WAIT)
        .until(() -> run("second-run-1"), r -> r.phase() == JobRunPhase.Succeeded).getStatus();
    assertThat(done.getAttempt()).isEqualTo(2);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(event("second").getStatus().getRunCounts()).isEqualTo(new RunCounts(1, 0, 0, 0)));
  }

  @Test
  void aCancelledRunIsNeverRetried() {
    createEvent("stopped", 3);
    client.resource(TestRuns.newRun(namespace, "stopped-run-1", "stopped")).create();
    awaitPod("stopped-run-1");
    setPodStatus("stopped-run-1", TestRuns.running(Instant.now().toString()));

    cancel("stopped-run-1");

    await().atMost(WAIT).until(() -> run("stopped-run-1"), r -> r.phase() == JobRunPhase.Cancelled);
    CLOCK.advance(Duration.ofMinutes(5));
    touch("stopped-run-1");
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
      assertThat(pod("stopped-run-1-attempt-2")).isNull();
      assertThat(run("stopped-run-1").getStatus().getNextAttemptTime()).isNull();
    });
  }

  private void createEvent(String name, int retryLimit) {
    Event event = TestRuns.bashEvent(name, "exit 1");
    event.getMetadata().setNamespace(namespace);
    RetrySpec retries = new RetrySpec();
    retries.setLimit(retryLimit);
    event.getSpec().setRetries(retries);
    client.resource(event).create();
  }

  private JobRunStatus awaitRetryScheduled(String name, int failedAttempt) {
    return await().atMost(WAIT).until(() -> run(name),
        r -> r.getStatus() != null
            && JobRunReasons.RETRY_SCHEDULED.equals(r.getStatus().getReason())
            && r.getStatus().getAttempt() == failedAttempt).getStatus();
  }

  /** The next attempt is due {@code delay} after the failure was seen, on the operator's clock. */
  private static void assertDueAfter(JobRunStatus status, Duration delay) {
    assertThat(status.getPhase()).isEqualTo(JobRunPhase.Pending);
    Duration untilDue = Duration.between(CLOCK.instant(), Instant.parse(status.getNextAttemptTime()));
    assertThat(untilDue).isPositive().isLessThanOrEqualTo(delay).isGreaterThan(delay.minusSeconds(3));
  }

  private void failPod(String name) {
    setPodStatus(name, TestRuns.terminated(1, "{\"exitCode\":1}"));
  }

  private void setPodStatus(String name, io.fabric8.kubernetes.api.model.PodStatus status) {
    Pod pod = pod(name);
    TestRuns.writePodStatus(client, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), status);
  }

  private void touch(String name) {
    TestRuns.touch(client, JobRun.class, namespace, name);
  }

  private Pod awaitPod(String name) {
    return await().atMost(WAIT).until(() -> pod(name), p -> p != null);
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  private JobRun run(String name) {
    return client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
  }

  private Event event(String name) {
    return client.resources(Event.class).inNamespace(namespace).withName(name).get();
  }

  /** As kubectl patch does: a merge patch without resourceVersion, so it cannot conflict. */
  private void cancel(String name) {
    client.resources(JobRun.class).inNamespace(namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
  }
}
