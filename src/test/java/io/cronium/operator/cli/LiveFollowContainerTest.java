package io.cronium.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Container tier: {@code kubectl cronium logs -f} follows a real runtime-api Pod on the podman
 * node, and each line arrives while the script still runs, not all at its end.
 */
@Tag("container")
@QuarkusTest
@QuarkusTestResource(
    value = LocalClusterResource.class,
    initArgs = @ResourceArg(name = LocalClusterResource.PODMAN_NODE, value = "true"),
    restrictToAnnotatedClass = true)
class LiveFollowContainerTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @InjectLocalCluster LocalCluster cluster;

  /** One printed line and when the follower printed it. */
  private record Arrival(Instant at, String text) {}

  /** Records when each line is printed. */
  private static final class ArrivalRecorder extends Writer {
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final StringBuilder line = new StringBuilder();

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        if (chars[i] == '\n') {
          arrivals.add(new Arrival(Instant.now(), line.toString()));
          line.setLength(0);
        } else {
          line.append(chars[i]);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aLinePerSecondIsFollowedLive() {
    KubernetesClient client = cluster.client();
    String ns = "live-follow";
    cluster.createNamespace(ns);
    Event event = TestRuns.bashEvent("ticker", "for i in 1 2 3 4 5 6; do echo \"tick $i\"; sleep 1; done; exit 2");
    event.getMetadata().setNamespace(ns);
    client.resource(event).create();
    client.resource(TestRuns.newRun(ns, "ticker-1", "ticker")).create();
    ArrivalRecorder recorder = new ArrivalRecorder();
    CommandLine cli = CroniumCli.commandLine(cluster::newClient);
    cli.setOut(new PrintWriter(recorder, true));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("logs", "-f", "ticker-1", "-n", ns);

    assertThat(exit).as(err.toString()).isEqualTo(2);
    assertThat(recorder.arrivals).extracting(Arrival::text)
        .containsExactly("tick 1", "tick 2", "tick 3", "tick 4", "tick 5", "tick 6");
    JobRun run = client.resources(JobRun.class).inNamespace(ns).withName("ticker-1").get();
    Instant scriptEnded = Instant.parse(run.getStatus().getCompletionTime());
    // Six lines a second apart: the first must be out seconds before the script ends.
    assertThat(recorder.arrivals.get(0).at()).isBefore(scriptEnded.minusSeconds(3));
    assertThat(Duration.between(recorder.arrivals.get(0).at(), recorder.arrivals.get(5).at()))
        .isGreaterThan(Duration.ofSeconds(3));
  }
}
