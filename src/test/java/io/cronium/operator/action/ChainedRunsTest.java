package io.cronium.operator.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cronium.api.v1alpha1.ActionTrigger;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.operator.jobrun.TestRuns;
import org.junit.jupiter.api.Test;

class ChainedRunsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JobRun finished(JobRunPhase phase, String output) throws Exception {
    JobRun run = TestRuns.manualRun("first-1", "first");
    JobRunStatus status = new JobRunStatus();
    status.setPhase(phase);
    status.setOutput(output == null ? null : JSON.readTree(output));
    run.setStatus(status);
    return run;
  }

  @Test
  void nameIsTheRunAndTheActionIndex() {
    assertThat(ChainedRuns.name("first-1", 0)).isEqualTo("first-1-a0");
    assertThat(ChainedRuns.name("first-1", 12)).isEqualTo("first-1-a12");
  }

  @Test
  void longNamesAreCutToSixtyThreeCharactersAndStayDistinct() {
    String longRun = "a".repeat(60) + "-28812345";
    String other = "a".repeat(60) + "-28812346";

    String name = ChainedRuns.name(longRun, 3);
    assertThat(name).hasSizeLessThanOrEqualTo(63).endsWith("-a3").startsWith("a".repeat(40));
    assertThat(name).isEqualTo(ChainedRuns.name(longRun, 3));
    assertThat(ChainedRuns.name(other, 3)).isNotEqualTo(name).hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void objectOutputPassesAsIs() throws Exception {
    assertThat(ChainedRuns.input(finished(JobRunPhase.Succeeded, "{\"rows\":3}")))
        .isEqualTo(JSON.readTree("{\"rows\":3}"));
  }

  @Test
  void scalarsAndArraysAreWrappedAsValue() throws Exception {
    assertThat(ChainedRuns.input(finished(JobRunPhase.Succeeded, "42")))
        .isEqualTo(JSON.readTree("{\"value\":42}"));
    assertThat(ChainedRuns.input(finished(JobRunPhase.Succeeded, "\"done\"")))
        .isEqualTo(JSON.readTree("{\"value\":\"done\"}"));
    assertThat(ChainedRuns.input(finished(JobRunPhase.Succeeded, "[1,2]")))
        .isEqualTo(JSON.readTree("{\"value\":[1,2]}"));
  }

  @Test
  void aFailedOrSilentPredecessorPassesAnEmptyObject() throws Exception {
    assertThat(ChainedRuns.input(finished(JobRunPhase.Failed, "{\"rows\":3}"))).isEqualTo(JSON.readTree("{}"));
    assertThat(ChainedRuns.input(finished(JobRunPhase.TimedOut, null))).isEqualTo(JSON.readTree("{}"));
    assertThat(ChainedRuns.input(finished(JobRunPhase.Succeeded, null))).isEqualTo(JSON.readTree("{}"));
  }

  @Test
  void triggersFireOnTheirOutcomes() {
    assertThat(ActionTrigger.Success.firesFor(JobRunPhase.Succeeded, null, null)).isTrue();
    assertThat(ActionTrigger.Success.firesFor(JobRunPhase.Failed, null, null)).isFalse();
    assertThat(ActionTrigger.Failure.firesFor(JobRunPhase.TimedOut, null, null)).isTrue();
    assertThat(ActionTrigger.Failure.firesFor(JobRunPhase.Succeeded, null, null)).isFalse();
    assertThat(ActionTrigger.Always.firesFor(JobRunPhase.Failed, null, null)).isTrue();
    assertThat(ActionTrigger.Always.firesFor(JobRunPhase.Running, null, null)).isFalse();
    assertThat(ActionTrigger.Condition.firesFor(JobRunPhase.Succeeded, true, true)).isTrue();
    assertThat(ActionTrigger.Condition.firesFor(JobRunPhase.Succeeded, false, false)).isTrue();
    assertThat(ActionTrigger.Condition.firesFor(JobRunPhase.Succeeded, false, true)).isFalse();
    assertThat(ActionTrigger.Condition.firesFor(JobRunPhase.Succeeded, null, false)).isFalse();
  }
}
