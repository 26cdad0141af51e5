package io.cronium.operator.faults;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.localcluster.ScriptedNode;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault case 6: job Pods that go away mid-run, with the chart's settings (a job Pod's grace period
 * is 10 s, the operator waits {@code cronium.job.result-wait} = 60 s past it for a node that never
 * reports, and {@code cronium.job.timeout-grace} = 15 s past a run's timeout). The test plays the
 * node for each Pod:
 * <ul>
 *   <li>deleted by hand before its script started: PodLost within {@value #SLACK_SECONDS} s;
 *   <li>deleted by hand while running, the node stopping it at the end of the grace period: PodLost
 *       within the grace period + {@value #SLACK_SECONDS} s;
 *   <li>its node stopped answering (annotation {@link ScriptedNode#UNRESPONSIVE}) and the Pod
 *       evicted, as the node lifecycle controller does with Pods of an unreachable node: PodLost
 *       within the grace period + the result wait + {@value #SLACK_SECONDS} s;
 *   <li>its node stopped answering and nothing evicts it: the run must not stay Running; it ends
 *       at its timeout (20 s) + the timeout grace, TimedOut with DeadlineExceeded.
 * </ul>
 */
@Tag("faults")
class LostPodTest {

  private static final String CASE = "lost-pods";
  private static final int SLACK_SECONDS = 15;
  private static final Duration SLACK = Duration.ofSeconds(SLACK_SECONDS);
  /** JobPodBuilder's terminationGracePeriodSeconds. */
  private static final Duration POD_GRACE = Duration.ofSeconds(10);
  /** cronium.job.result-wait, default. */
  private static final Duration RESULT_WAIT = Duration.ofSeconds(60);
  /** cronium.job.timeout-grace as the chart sets it. */
  private static final Duration TIMEOUT_GRACE = Duration.ofSeconds(15);
  private static final int SHORT_TIMEOUT_SECONDS = 20;
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** One way a Pod goes away: how the run must end, and within how long of the fault. */
  private record Loss(String run, String event, String reason, Duration within) {}

  @Test
  void aRunWhosePodIsDeletedOrWhoseNodeIsLostEndsAndNeverStaysRunning() {
    FaultReport report = new FaultReport(CASE);
    SoftAssertions softly = new SoftAssertions();
    try (FaultCluster cluster = new FaultCluster(CASE)) {
      KubernetesClient client = cluster.client();
      String namespace = cluster.namespace();
      OperatorProcess operator = cluster.replica("cronium-operator-0");
      operator.startReady(WAIT);
      createEvent(client, namespace, "victim", 3600);
      createEvent(client, namespace, "stranded", SHORT_TIMEOUT_SECONDS);
      Loss pendingDeleted = new Loss("deleted-while-pending", "victim", JobRunReasons.POD_LOST, SLACK);
      Loss runningDeleted = new Loss("deleted-while-running", "victim", JobRunReasons.POD_LOST, POD_GRACE.plus(SLACK));
      Loss nodeLostEvicted = new Loss("node-lost-evicted", "victim", JobRunReasons.POD_LOST,
          POD_GRACE.plus(RESULT_WAIT).plus(SLACK));
      Loss nodeLostStranded = new Loss("node-lost-not-evicted", "stranded", JobRunReasons.DEADLINE_EXCEEDED,
          Duration.ofSeconds(SHORT_TIMEOUT_SECONDS).plus(TIMEOUT_GRACE).plus(SLACK));
      List<Loss> losses = List.of(pendingDeleted, runningDeleted, nodeLostEvicted, nodeLostStranded);
      for (Loss loss : losses) {
        client.resource(TestRuns.newRun(namespace, loss.run(), loss.event())).create();
        Polling.until(WAIT, () -> Optional.ofNullable(client.pods().inNamespace(namespace).withName(loss.run()).get())
                .map(pod -> pod.getSpec().getNodeName() != null).orElse(false))
            .orElseThrow(() -> new AssertionError("no Pod bound to the node for " + loss.run()));
      }
      for (Loss loss : List.of(runningDeleted, nodeLostEvicted, nodeLostStranded)) {
        TestRuns.writePodStatus(client, namespace, loss.run(), TestRuns.running(Instant.now().toString()));
        Polling.until(WAIT, () -> run(client, namespace, loss.run()).phase() == JobRunPhase.Running)
            .orElseThrow(() -> new AssertionError(loss.run() + " did not become Running"));
      }
      for (Loss loss : List.of(nodeLostEvicted, nodeLostStranded)) {
        client.pods().inNamespace(namespace).withName(loss.run()).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + ScriptedNode.UNRESPONSIVE + "\":\"true\"}}}");
      }

      Instant faultAt = Instant.now();
      for (Loss loss : List.of(pendingDeleted, runningDeleted, nodeLostEvicted)) {
        client.pods().inNamespace(namespace).withName(loss.run()).delete();
      }
      Duration longest = losses.stream().map(Loss::within).max(Duration::compareTo).orElseThrow();
      Map<Loss, Duration> endedAfter = new LinkedHashMap<>();
      Polling.until(longest, () -> {
        for (Loss loss : losses) {
          if (!endedAfter.containsKey(loss) && run(client, namespace, loss.run()).phase().isTerminal()) {
            endedAfter.put(loss, Duration.between(faultAt, Instant.now()));
          }
        }
        return endedAfter.size() == losses.size();
      });

      for (Loss loss : losses) {
        JobRun run = run(client, namespace, loss.run());
        String reason = run.getStatus() == null ? null : run.getStatus().getReason();
        report.put(loss.run(), run.phase() + " " + reason + " after "
            + Optional.ofNullable(endedAfter.get(loss)).map(d -> d.toMillis() + " ms").orElse("(not ended)")
            + " (stated: " + loss.reason() + " within " + loss.within().toSeconds() + " s); message: "
            + (run.getStatus() == null ? null : run.getStatus().getMessage()));
        softly.assertThat(run.phase()).as("%s: not stuck Running", loss.run()).isNotEqualTo(JobRunPhase.Running);
        softly.assertThat(endedAfter).as("%s ended within %s s", loss.run(), loss.within().toSeconds())
            .containsKey(loss);
        softly.assertThat(reason).as("%s: reason", loss.run()).isEqualTo(loss.reason());
      }
      report.put("unexpected_exits", operator.unexpectedExits());
      // The node comes back and finishes the deletes it missed, so the namespace can go.
      for (Loss loss : List.of(nodeLostEvicted, nodeLostStranded)) {
        client.pods().inNamespace(namespace).withName(loss.run()).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + ScriptedNode.UNRESPONSIVE + "\":null}}}");
      }
    } finally {
      report.write();
    }
    softly.assertAll();
  }

  /** An Event that keeps its failed runs, so each run's end can be read. */
  private static void createEvent(KubernetesClient client, String namespace, String name, int timeoutSeconds) {
    Event event = TestRuns.bashEvent(name, "sleep 600");
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setTimeoutSeconds(timeoutSeconds);
    event.getSpec().setFailedRunsHistoryLimit(10);
    client.resource(event).create();
  }

  private static JobRun run(KubernetesClient client, String namespace, String name) {
    return client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
  }
}
