package io.cronium.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-soak}: 200 every-minute Events for 30 minutes on the packaged operator (the
 * chart's JVM), with the default history limits deleting old runs and a node that ends each Pod a
 * second after it starts. Once a minute it samples the operator's RSS and threads and the JobRuns
 * and Pods in the cluster. Growth counts from the end of the warm-up (the first five minutes).
 */
@Tag("bench")
class SoakBenchmark {

  private static final int EVENTS = Integer.getInteger("bench.soak.events", 200);
  private static final int MINUTES = Integer.getInteger("bench.soak.minutes", 30);
  private static final int WARM_UP_MINUTES = 5;
  /** The default history keeps 3 succeeded runs; one more may be active or not yet cleaned. */
  private static final int RUNS_KEPT_PER_EVENT = 4;
  private static final Path DIRECTORY = Path.of("target/bench");

  record Sample(int minute, Instant at, long rssKiB, long threads, int jobRuns, int pods) {}

  @Test
  void twoHundredEventsEveryMinuteForHalfAnHour() throws Exception {
    try (FaultCluster cluster = new FaultCluster("soak")) {
      KubernetesClient client = cluster.client();
      String namespace = cluster.namespace();
      OperatorProcess operator = cluster.replica("cronium-operator-soak");
      operator.jvmOptions(OperatorProcess.CHART_JVM);
      operator.startReady(Duration.ofMinutes(3));
      List<Sample> samples = new ArrayList<>();
      try (PlayedKubelet kubelet = new PlayedKubelet(cluster.failFastClient(), namespace, Duration.ofSeconds(1))) {
        for (int i = 0; i < EVENTS; i++) {
          client.resource(event(namespace, "soak-" + i)).create();
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        for (int minute = 1; minute <= MINUTES; minute++) {
          // Half a minute past each slot: the slot's runs are done and the history cleaned.
          Instant at = start.plus(Duration.ofMinutes(minute - 1)).plusSeconds(30);
          Thread.sleep(Math.max(0, Duration.between(Instant.now(), at).toMillis()));
          assertThat(operator.unexpectedExits()).isEmpty();
          samples.add(new Sample(minute, Instant.now(), operator.procStatus("VmRSS"), operator.procStatus("Threads"),
              client.resources(JobRun.class).inNamespace(namespace).list().getItems().size(),
              client.pods().inNamespace(namespace).list().getItems().size()));
        }
      }
      Files.createDirectories(DIRECTORY);
      List<String> data = new ArrayList<>(List.of("# minute rss_mib threads jobruns pods"));
      samples.forEach(s -> data.add(String.format("%d %.1f %d %d %d", s.minute(), s.rssKiB() / 1024.0, s.threads(),
          s.jobRuns(), s.pods())));
      Files.write(DIRECTORY.resolve("soak.dat"), data);
      Files.writeString(DIRECTORY.resolve("soak.txt"), report(samples));
    }
  }

  private static Event event(String namespace, String name) {
    return TestRuns.cronEvent(namespace, name, "echo soak", "* * * * *");
  }

  private static String report(List<Sample> samples) {
    Sample warm = samples.get(Math.min(WARM_UP_MINUTES, samples.size()) - 1);
    Sample last = samples.get(samples.size() - 1);
    long maxRss = samples.stream().skip(WARM_UP_MINUTES).mapToLong(Sample::rssKiB).max().orElse(last.rssKiB());
    int maxRuns = samples.stream().mapToInt(Sample::jobRuns).max().orElse(0);
    int maxPods = samples.stream().mapToInt(Sample::pods).max().orElse(0);
    return String.join("\n",
        "# make bench-soak: " + EVENTS + " every-minute Events for " + MINUTES + " minutes, packaged operator",
        "measured_at: " + Instant.now(),
        BenchFigures.machine(),
        "operator JVM options: " + String.join(" ", OperatorProcess.CHART_JVM),
        String.format("rss_after_warm_up_mib: %.1f (minute %d)", warm.rssKiB() / 1024.0, warm.minute()),
        String.format("rss_at_end_mib: %.1f (minute %d)", last.rssKiB() / 1024.0, last.minute()),
        String.format("rss_growth_after_warm_up_percent: %.1f", 100.0 * (last.rssKiB() - warm.rssKiB()) / warm.rssKiB()),
        String.format("rss_max_after_warm_up_mib: %.1f", maxRss / 1024.0),
        String.format("threads_after_warm_up: %d, at_end: %d", warm.threads(), last.threads()),
        String.format("jobruns_max: %d, at_end: %d (history bound: %d)", maxRuns, last.jobRuns(),
            EVENTS * RUNS_KEPT_PER_EVENT),
        String.format("pods_max: %d, at_end: %d (history bound: %d)", maxPods, last.pods(), EVENTS * RUNS_KEPT_PER_EVENT),
        "samples: target/bench/soak.dat (plot: target/bench/soak.svg)",
        "");
  }
}
