package io.cronium.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.localcluster.controlplane.RequestTally;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.LatencySummary;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-vs-cronjob}: the same minute for 1,000 schedules, as Events run by the packaged
 * operator and then, on the same control plane, as CronJobs run by kube-controller-manager's CronJob
 * and Job controllers. Both run the same Pod (the CronJobs' template is a job Pod the operator made),
 * played by the same fast node. Each side is due twice: a warm-up minute, then, once that one's runs
 * have all finished, a measured minute (the schedules are moved to it), so that no work of the
 * warm-up spills into the figures. Times come from the API server's audit log (when each create
 * completed), requests are attributed by identity, CPU is the controllers' processes'.
 */
@Tag("bench")
class CronJobComparisonBenchmark {

  private static final int SCHEDULES = Integer.getInteger("bench.schedules", 1000);
  private static final Duration RUN_FOR = Duration.ofSeconds(1);
  private static final Duration SLOT_DONE = Duration.ofMinutes(10);
  private static final Duration QUIET = Duration.ofSeconds(3);
  /** Time to move 1,000 schedules and let their controller see it, on a loaded machine too. */
  private static final Duration MOVE_SCHEDULES = Duration.ofSeconds(120);
  private static final String CRONJOB_NAMESPACE = "bench-cronjob";
  private static final String CRONJOB_CONTROLLER = "system:serviceaccount:kube-system:cronjob-controller";
  private static final String JOB_CONTROLLER = "system:serviceaccount:kube-system:job-controller";
  private static final Path DIRECTORY = Path.of("target/bench");

  /** What one side did for the measured minute. */
  record SlotFigures(String name, List<Long> skew, List<Long> podCreated, List<Long> podRunning,
      Map<String, Long> requests, Duration controllerCpu, Map<String, Duration> controlPlaneCpu) {

    /** Runs created for the measured minute. */
    int runs() {
      return skew.size();
    }

    long writes() {
      return BenchFigures.writes(requests);
    }
  }

  @Test
  void theSameMinuteForAThousandSchedulesAsEventsAndAsCronJobs() throws Exception {
    try (FaultCluster cluster = new FaultCluster("vs-cronjob")) {
      Pod jobPod;
      SlotFigures cronium;
      OperatorProcess operator = cluster.replica("cronium-operator-bench");
      operator.jvmOptions(jvmOptions());
      operator.startReady(Duration.ofMinutes(3));
      try (PlayedKubelet kubelet = new PlayedKubelet(cluster.failFastClient(), cluster.namespace(), RUN_FOR)) {
        cronium = croniumSide(cluster, operator, kubelet);
        jobPod = cluster.client().pods().inNamespace(cluster.namespace()).list().getItems().get(0);
      }
      // Stopped, not cleaned up: the garbage collector deleting its runs would load kube-controller-manager.
      operator.close();

      cluster.localCluster().createNamespace(CRONJOB_NAMESPACE);
      SlotFigures cronJob;
      try (PlayedKubelet kubelet = new PlayedKubelet(cluster.failFastClient(), CRONJOB_NAMESPACE, RUN_FOR)) {
        cronJob = cronJobSide(cluster, kubelet, jobPod.getSpec());
      }
      Files.createDirectories(DIRECTORY);
      Files.writeString(DIRECTORY.resolve("vs-cronjob.txt"), report(cronium, cronJob));
      writeCumulative(DIRECTORY.resolve("vs-cronjob-skew.dat"), cronium.skew(), cronJob.skew());
      assertThat(cronium.runs()).isEqualTo(SCHEDULES);
      assertThat(cronJob.runs()).isEqualTo(SCHEDULES);
    }
  }

  /** The chart's JVM; {@code -Dbench.jfr=FILE} adds a Flight Recording (profile settings) written at exit. */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>(OperatorProcess.CHART_JVM);
    String recording = System.getProperty("bench.jfr");
    if (recording != null) {
      options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
          + Path.of(recording).toAbsolutePath());
    }
    return options;
  }

  private static SlotFigures croniumSide(FaultCluster cluster, OperatorProcess operator, PlayedKubelet kubelet)
      throws Exception {
    KubernetesClient client = cluster.client();
    String namespace = cluster.namespace();
    Instant warmUp = minuteAfter(Instant.now().plusSeconds(60));
    ParallelWrites.run(SCHEDULES, 8, i -> client.resource(event(namespace, "tick-" + i, cron(warmUp))).create());
    await("every Event ran its warm-up minute", () -> succeededRuns(client, namespace) == SCHEDULES);

    Instant measured = minuteAfter(Instant.now().plus(MOVE_SCHEDULES));
    ParallelWrites.run(SCHEDULES, 8, i -> client.resources(Event.class).inNamespace(namespace).withName("tick-" + i)
        .edit(event -> {
          event.getSpec().getSchedule().setCron(cron(measured));
          return event;
        }));
    await("every Event is due at the measured minute", () -> client.resources(Event.class).inNamespace(namespace)
        .list().getItems().stream().filter(e -> e.getStatus() != null
            && measured.toString().equals(e.getStatus().getNextScheduleTime())).count() == SCHEDULES);

    String operatorUser = cluster.operatorUser();
    sleepUntil(measured.minusSeconds(2));
    RequestTally requests = cluster.controlPlane().requests(operatorUser::equals);
    Duration cpuBefore = operator.cpuTime();
    Map<String, Duration> controlPlaneBefore = cluster.controlPlane().cpuTimes();
    await("every measured run succeeded and its Event counted it",
        () -> succeededRuns(client, namespace) == 2L * SCHEDULES && client.resources(Event.class).inNamespace(namespace)
            .list().getItems().stream().filter(e -> e.getStatus().getRunCounts().getSucceeded() == 2).count() == SCHEDULES);
    awaitQuiet(requests);
    return new SlotFigures("Cronium (Events)",
        since(measured, requests.completedAt("POST jobruns")),
        since(measured, requests.completedAt("POST pods")),
        since(measured, kubelet.runningReported().values()),
        BenchFigures.forRuns(requests.snapshot()), operator.cpuTime().minus(cpuBefore),
        difference(cluster.controlPlane().cpuTimes(), controlPlaneBefore));
  }

  private static SlotFigures cronJobSide(FaultCluster cluster, PlayedKubelet kubelet, PodSpec jobPod) throws Exception {
    KubernetesClient client = cluster.client();
    PodSpec template = new PodSpecBuilder(jobPod).withNodeName(null).build();
    Instant warmUp = minuteAfter(Instant.now().plusSeconds(60));
    ParallelWrites.run(SCHEDULES, 8, i -> client.resource(cronJob("tick-" + i, cron(warmUp), template)).create());
    await("every CronJob ran its warm-up minute", () -> completedJobs(client) == SCHEDULES);

    Instant measured = minuteAfter(Instant.now().plus(MOVE_SCHEDULES));
    ParallelWrites.run(SCHEDULES, 8, i -> client.resources(CronJob.class).inNamespace(CRONJOB_NAMESPACE).withName("tick-" + i)
        .edit(cronJob -> {
          cronJob.getSpec().setSchedule(cron(measured));
          return cronJob;
        }));

    Set<String> controllers = Set.of(CRONJOB_CONTROLLER, JOB_CONTROLLER);
    sleepUntil(measured.minusSeconds(2));
    RequestTally requests = cluster.controlPlane().requests(controllers::contains);
    RequestTally jobCreates = cluster.controlPlane().requests(CRONJOB_CONTROLLER::equals);
    RequestTally podCreates = cluster.controlPlane().requests(JOB_CONTROLLER::equals);
    Map<String, Duration> controlPlaneBefore = cluster.controlPlane().cpuTimes();
    await("every measured Job completed and its CronJob saw it",
        () -> completedJobs(client) == 2L * SCHEDULES && client.resources(CronJob.class).inNamespace(CRONJOB_NAMESPACE)
            .list().getItems().stream().filter(c -> c.getStatus() != null
                && c.getStatus().getLastSuccessfulTime() != null
                && !Instant.parse(c.getStatus().getLastSuccessfulTime()).isBefore(measured)).count() == SCHEDULES);
    awaitQuiet(requests);
    Map<String, Duration> controlPlane = difference(cluster.controlPlane().cpuTimes(), controlPlaneBefore);
    return new SlotFigures("CronJob + Job",
        since(measured, jobCreates.completedAt("POST jobs")),
        since(measured, podCreates.completedAt("POST pods")),
        since(measured, kubelet.runningReported().values()),
        BenchFigures.forRuns(requests.snapshot()), controlPlane.get("kube-controller-manager"), controlPlane);
  }

  private static Event event(String namespace, String name, String cron) {
    Event event = TestRuns.cronEvent(namespace, name, "echo tick", cron);
    event.getSpec().getSchedule().setTimeZone("UTC");
    return event;
  }

  /** A CronJob doing what an Event does: one attempt of the same Pod, runs may overlap. */
  private static CronJob cronJob(String name, String cron, PodSpec pod) {
    return new CronJobBuilder()
        .withNewMetadata().withName(name).withNamespace(CRONJOB_NAMESPACE).endMetadata()
        .withNewSpec().withSchedule(cron).withTimeZone("Etc/UTC").withConcurrencyPolicy("Allow")
        .withNewJobTemplate().withNewSpec().withBackoffLimit(0)
        .withNewTemplate().withSpec(pod).endTemplate()
        .endSpec().endJobTemplate().endSpec().build();
  }

  /** Once a day at {@code minute}'s hour and minute (UTC). */
  private static String cron(Instant minute) {
    ZonedDateTime at = minute.atZone(ZoneOffset.UTC);
    return at.getMinute() + " " + at.getHour() + " * * *";
  }

  private static Instant minuteAfter(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
  }

  private static long succeededRuns(KubernetesClient client, String namespace) {
    return client.resources(JobRun.class).inNamespace(namespace).list().getItems().stream()
        .filter(run -> run.phase() == JobRunPhase.Succeeded).count();
  }

  private static long completedJobs(KubernetesClient client) {
    return client.resources(Job.class).inNamespace(CRONJOB_NAMESPACE).list().getItems().stream()
        .filter(job -> job.getStatus() != null && job.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Complete") && c.getStatus().equals("True")))
        .count();
  }

  private static void await(String what, Callable<Boolean> condition) {
    Polling.until(SLOT_DONE, condition).orElseThrow(() -> new AssertionError("not within " + SLOT_DONE + ": " + what));
  }

  /**
   * Waits until the counted identities have written nothing but Lease renewals for {@link #QUIET}:
   * the minute's trailing status writes are in.
   */
  private static void awaitQuiet(RequestTally requests) throws InterruptedException {
    long writes = -1;
    Instant deadline = Instant.now().plus(SLOT_DONE);
    while (Instant.now().isBefore(deadline)) {
      long now = BenchFigures.writes(BenchFigures.forRuns(requests.snapshot()));
      if (now == writes) {
        return;
      }
      writes = now;
      Thread.sleep(QUIET.toMillis());
    }
    throw new AssertionError("the controllers kept writing for " + SLOT_DONE);
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    assertThat(millis).as("time left before " + instant).isPositive();
    Thread.sleep(millis);
  }

  /** Microseconds from {@code slot} to each of {@code times} not before it, sorted. */
  private static List<Long> since(Instant slot, Collection<Instant> times) {
    return times.stream().filter(time -> !time.isBefore(slot))
        .map(time -> ChronoUnit.MICROS.between(slot, time)).sorted().toList();
  }

  private static Map<String, Duration> difference(Map<String, Duration> after, Map<String, Duration> before) {
    Map<String, Duration> used = new TreeMap<>();
    after.forEach((name, time) -> used.put(name, time.minus(before.getOrDefault(name, Duration.ZERO))));
    return used;
  }

  private static String report(SlotFigures cronium, SlotFigures cronJob) {
    StringBuilder text = new StringBuilder();
    text.append("# make bench-vs-cronjob: ").append(SCHEDULES)
        .append(" schedules due in the same minute, Events vs CronJobs on one control plane\n");
    text.append("measured_at: ").append(Instant.now()).append('\n');
    text.append(BenchFigures.machine()).append('\n');
    text.append(String.format("%-44s %14s %14s %8s%n", "figure (measured minute)", "Cronium", "CronJob", "ratio"));
    row(text, "runs created (JobRun / Job)", cronium.runs(), cronJob.runs());
    for (int percentile : List.of(50, 99, 100)) {
      String name = percentile == 100 ? "max" : "p" + percentile;
      row(text, "skew " + name + " ms (slot -> run object created)",
          millis(cronium.skew(), percentile), millis(cronJob.skew(), percentile));
    }
    for (int percentile : List.of(50, 99)) {
      row(text, "slot -> Pod created p" + percentile + " ms",
          millis(cronium.podCreated(), percentile), millis(cronJob.podCreated(), percentile));
      row(text, "slot -> Pod Running p" + percentile + " ms",
          millis(cronium.podRunning(), percentile), millis(cronJob.podRunning(), percentile));
    }
    row(text, "API writes per successful run", (double) cronium.writes() / cronium.runs(),
        (double) cronJob.writes() / cronJob.runs());
    row(text, "API requests per run (all verbs)", total(cronium) / cronium.runs(), total(cronJob) / cronJob.runs());
    row(text, "controller CPU s (operator / kube-c-m)", seconds(cronium.controllerCpu()), seconds(cronJob.controllerCpu()));
    row(text, "kube-apiserver CPU s", seconds(cronium.controlPlaneCpu().get("kube-apiserver")),
        seconds(cronJob.controlPlaneCpu().get("kube-apiserver")));
    row(text, "etcd CPU s", seconds(cronium.controlPlaneCpu().get("etcd")), seconds(cronJob.controlPlaneCpu().get("etcd")));
    for (SlotFigures side : List.of(cronium, cronJob)) {
      text.append("\nrequests of ").append(side.name()).append(" for the measured minute (Lease renewals aside), per run:\n");
      text.append(BenchFigures.perRun(side.requests(), side.runs()));
    }
    return text.toString();
  }

  private static void row(StringBuilder text, String figure, double cronium, double cronJob) {
    text.append(String.format("%-44s %14.2f %14.2f %8s%n", figure, cronium, cronJob,
        cronJob == 0 ? "-" : String.format("%.2f", cronium / cronJob)));
  }

  private static double total(SlotFigures side) {
    return side.requests().values().stream().mapToLong(Long::longValue).sum();
  }

  private static double seconds(Duration duration) {
    return duration == null ? 0 : duration.toMillis() / 1000.0;
  }

  private static double millis(List<Long> sortedMicros, int percentile) {
    return LatencySummary.percentile(sortedMicros, percentile);
  }

  /** Skew by fraction of runs created, one line per run: "fraction cronium_ms cronjob_ms", for the plot. */
  private static void writeCumulative(Path file, List<Long> cronium, List<Long> cronJob) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# fraction_of_runs cronium_skew_ms cronjob_skew_ms");
    int points = Math.max(cronium.size(), cronJob.size());
    for (int i = 1; i <= points; i++) {
      double fraction = (double) i / points;
      lines.add(String.format("%.4f %.1f %.1f", fraction, LatencySummary.quantile(cronium, fraction), LatencySummary.quantile(cronJob, fraction)));
    }
    Files.write(file, lines);
  }
}
