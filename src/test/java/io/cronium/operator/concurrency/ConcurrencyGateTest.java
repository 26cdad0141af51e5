package io.cronium.operator.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.ConcurrencyPolicy;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.operator.jobrun.TestRuns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyGateTest {

  private static JobRun run(String name, String created, JobRunPhase phase) {
    JobRun run = TestRuns.manualRun(name, "report");
    run.getMetadata().setCreationTimestamp(created);
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    run.setStatus(status);
    return run;
  }

  private final JobRun active = run("a-first", "2026-11-28T10:00:00Z", JobRunPhase.Running);
  private final JobRun finished = run("a-done", "2026-11-28T09:00:00Z", JobRunPhase.Succeeded);
  private final JobRun candidate = run("b-new", "2026-11-28T10:05:00Z", JobRunPhase.Pending);

  @Test
  void aloneOrAfterFinishedRunsEveryPolicyStarts() {
    for (ConcurrencyPolicy policy : ConcurrencyPolicy.values()) {
      assertThat(ConcurrencyGate.decide(candidate, List.of(finished, candidate), policy))
          .as(policy.name())
          .isInstanceOf(ConcurrencyGate.Start.class);
    }
  }

  @Test
  void allowStartsBesideAnActiveRun() {
    assertThat(ConcurrencyGate.decide(candidate, List.of(active, candidate), ConcurrencyPolicy.Allow))
        .isInstanceOf(ConcurrencyGate.Start.class);
  }

  @Test
  void forbidRefusesWhileAnEarlierRunIsActive() {
    ConcurrencyGate.Decision decision =
        ConcurrencyGate.decide(candidate, List.of(active, candidate), ConcurrencyPolicy.Forbid);

    assertThat(decision).isInstanceOfSatisfying(ConcurrencyGate.Refuse.class, refuse -> {
      assertThat(refuse.reason()).isEqualTo(JobRunReasons.CONCURRENCY_FORBIDDEN);
      assertThat(refuse.message()).contains("a-first");
    });
  }

  @Test
  void theEarliestOfTwoRunsCreatedTogetherGoesFirstWhoeverDecides() {
    JobRun twin = run("b-twin", "2026-11-28T10:05:00Z", JobRunPhase.Pending);
    List<JobRun> both = List.of(candidate, twin);

    assertThat(ConcurrencyGate.decide(candidate, both, ConcurrencyPolicy.Forbid))
        .isInstanceOf(ConcurrencyGate.Start.class);
    assertThat(ConcurrencyGate.decide(twin, both, ConcurrencyPolicy.Forbid))
        .isInstanceOf(ConcurrencyGate.Refuse.class);
  }

  @Test
  void aRunThatHasAPodIsAheadEvenIfItSortsLater() {
    JobRun started = run("z-started", "2026-11-28T10:05:00Z", JobRunPhase.Pending);
    started.getStatus().setPodName("z-started");

    assertThat(ConcurrencyGate.decide(candidate, List.of(started, candidate), ConcurrencyPolicy.Forbid))
        .isInstanceOf(ConcurrencyGate.Refuse.class);
  }

  @Test
  void replaceStartsAndNamesTheEarlierActiveRuns() {
    assertThat(ConcurrencyGate.decide(candidate, List.of(finished, active, candidate), ConcurrencyPolicy.Replace))
        .isInstanceOfSatisfying(ConcurrencyGate.StartReplacing.class,
            replacing -> assertThat(replacing.replaced()).containsExactly(active));
  }

  @Test
  void queueHoldsOneRunAndRefusesASecond() {
    JobRun third = run("c-third", "2026-11-28T10:10:00Z", JobRunPhase.Pending);
    List<JobRun> all = List.of(active, candidate, third);

    assertThat(ConcurrencyGate.decide(candidate, all, ConcurrencyPolicy.Queue))
        .isInstanceOfSatisfying(ConcurrencyGate.Wait.class,
            wait -> assertThat(wait.message()).contains("a-first"));
    assertThat(ConcurrencyGate.decide(third, all, ConcurrencyPolicy.Queue))
        .isInstanceOfSatisfying(ConcurrencyGate.Refuse.class,
            refuse -> assertThat(refuse.reason()).isEqualTo(JobRunReasons.QUEUE_FULL));
  }

  @Test
  void theSchedulerSkipsASlotExactlyWhenTheGateWouldRefuseItsRun() {
    for (ConcurrencyPolicy policy : ConcurrencyPolicy.values()) {
      for (int activeRuns = 0; activeRuns <= 3; activeRuns++) {
        List<JobRun> siblings = new ArrayList<>(List.of(finished, candidate));
        for (int i = 0; i < activeRuns; i++) {
          siblings.add(run("a-active-" + i, "2026-11-28T10:0" + i + ":00Z", JobRunPhase.Running));
        }
        int counted = (int) siblings.stream().filter(ConcurrencyGate::isActive).count() - 1;

        boolean refused =
            ConcurrencyGate.decide(candidate, siblings, policy) instanceof ConcurrencyGate.Refuse;

        assertThat(ConcurrencyGate.overlap(policy, counted).isPresent())
            .as("%s with %d active runs", policy, activeRuns)
            .isEqualTo(refused);
      }
    }
  }
}
