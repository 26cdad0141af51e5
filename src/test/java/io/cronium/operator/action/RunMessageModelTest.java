package io.cronium.operator.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunStatus;
import io.cronium.operator.action.tool.MessageRenderer;
import io.cronium.operator.jobrun.TestRuns;
import org.junit.jupiter.api.Test;

class RunMessageModelTest {

  @Test
  void durationIsStartToCompletionInMinutesAndSeconds() {
    assertThat(RunMessageModel.duration("2026-11-28T10:00:01Z", "2026-11-28T10:00:03Z")).isEqualTo("2s");
    assertThat(RunMessageModel.duration("2026-11-28T10:00:00Z", "2026-11-28T10:03:04Z")).isEqualTo("3m4s");
    assertThat(RunMessageModel.duration(null, "2026-11-28T10:03:04Z")).isEmpty();
    assertThat(RunMessageModel.duration("yesterday", "2026-11-28T10:03:04Z")).isEmpty();
  }

  @Test
  void aTemplateSeesTheEventAndTheFinishedRun() throws Exception {
    JobRun run = TestRuns.manualRun("nightly-7", "nightly");
    JobRunStatus status = new JobRunStatus();
    status.setPhase(JobRunPhase.TimedOut);
    status.setExitCode(-1);
    status.setStartTime("2026-11-28T10:00:00Z");
    status.setCompletionTime("2026-11-28T10:01:00Z");
    status.setOutput(new ObjectMapper().readTree("{\"step\":\"upload\"}"));
    status.setLogTail("uploading...\n");
    run.setStatus(status);

    String rendered = MessageRenderer.render(
        "{{event.name}}/{{run.name}}: {{run.phase}} {{run.exitCode}} {{run.duration}} {{run.output.step}} {{run.logTail}}",
        RunMessageModel.of(TestRuns.bashEvent("nightly", "true"), run));

    assertThat(rendered).isEqualTo("nightly/nightly-7: TimedOut -1 1m0s upload uploading...\n");
  }
}
