package io.cronium.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.RunTrigger;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.jobrun.TestRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kubectl cronium run} against the local cluster's API server. */
class RunCommandTest {

  private static LocalCluster cluster;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startCluster() {
    cluster = LocalCluster.builder().crds(Path.of("crds")).start();
    cluster.createNamespace("team-a");
    Event event = TestRuns.bashEvent("report", "echo hi");
    event.getMetadata().setNamespace("team-a");
    cluster.client().resource(event).create();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private int run(String... args) {
    CommandLine cli = CroniumCli.commandLine(cluster::newClient);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void createsAManualRunOwnedByTheEventAndPrintsItsName() {
    assertThat(run("run", "report", "-n", "team-a", "--input", "{\"day\":\"monday\"}")).isZero();

    String name = out.toString().trim();
    JobRun run = cluster.client().resources(JobRun.class).inNamespace("team-a").withName(name).get();
    assertThat(name).startsWith("report-");
    assertThat(run.getSpec().getTrigger()).isEqualTo(RunTrigger.Manual);
    assertThat(run.getSpec().getInput().get("day").asText()).isEqualTo("monday");
    assertThat(run.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getName()).isEqualTo("report"));
  }

  @Test
  void aMissingEventIsAClearErrorAndCreatesNothing() {
    int before = cluster.client().resources(JobRun.class).inNamespace("team-a").list().getItems().size();

    assertThat(run("run", "nope", "-n", "team-a")).isEqualTo(1);

    assertThat(err.toString()).contains("Event \"nope\" not found in namespace \"team-a\"");
    assertThat(cluster.client().resources(JobRun.class).inNamespace("team-a").list().getItems()).hasSize(before);
  }

  @Test
  void inputThatIsNotJsonIsRefused() {
    assertThat(run("run", "report", "-n", "team-a", "--input", "{day: monday")).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: --input is not valid JSON");
  }
}
