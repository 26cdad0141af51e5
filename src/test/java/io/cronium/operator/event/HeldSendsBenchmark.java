package io.cronium.operator.event;

import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.ActionTrigger;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.operator.action.ActionRunner;
import io.cronium.operator.action.SendQueue;
import io.cronium.tools.TargetGuard;
import io.cronium.tools.ToolSecrets;
import io.cronium.tools.ToolSender;
import io.cronium.operator.jobrun.JobRunReconciler;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.leadership.Leadership;
import io.cronium.operator.observability.ActionMetrics;
import io.cronium.operator.observability.EventReporter;
import io.cronium.operator.observability.KubernetesEventRecorder;
import io.cronium.operator.observability.RunMetrics;
import io.cronium.operator.observability.RunReporter;
import io.cronium.operator.observability.ScheduleMetrics;
import io.cronium.operator.testing.DefaultSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-held-sends}: the operator's two controllers in this JVM on the real control
 * plane; the time from each slot to the JobRun POST of 200 every-minute Events, with and without
 * 100 notification sends held by an endpoint that never answers. The 1,000-Event comparison with
 * CronJob is CronJobComparisonBenchmark.
 */
@Tag("bench")
class HeldSendsBenchmark {

  private static final String NAMESPACE = "bench";
  /** The operator's own user, so that the audit log tells its requests from the fake kubelet's. */
  private static final String OPERATOR_USER = "cronium-bench-operator";
  private static final Path HELD_SENDS_REPORT = Path.of("target/bench/held-sends.txt");
  private static final int HELD_SENDS = 100;
  private static final int DUE_WHILE_HELD = 200;

  /** The operator's two controllers in this JVM, as the application wires them, started. */
  private static Operator startOperator(KubernetesClient client, MeterRegistry registry, ToolSender sender) {
    Operator operator = new Operator(config -> config.withKubernetesClient(client));
    KubernetesEventRecorder events = new KubernetesEventRecorder(client, Clock.systemUTC(), "bench");
    DefaultSettings settings = new DefaultSettings("bench");
    // Without leader election this one operator never loses a Lease.
    Leadership leadership = new Leadership(client, settings.leaderElection());
    operator.register(new EventReconciler(
        Clock.systemUTC(), new ScheduleMetrics(registry), new EventReporter(events), leadership));
    ActionRunner actions = new ActionRunner(
        Clock.systemUTC(), sender, new ActionMetrics(registry), events, new SendQueue());
    operator.register(new JobRunReconciler(settings, Clock.systemUTC(),
        new RunReporter(events, new RunMetrics(registry)), actions, leadership));
    operator.start();
    return operator;
  }

  /**
   * {@code make bench}, held sends: 200 every-minute Events fall due three times; the first slot
   * warms the operator up and is not counted. Before the third slot,
   * 100 runs end whose actions each send a webhook to an endpoint that accepts the connection and
   * never answers, so that every sender is held and the rest of the sends wait. The time from each
   * slot to the operator's JobRun POST, with and without the held sends, shows whether they held
   * up the scheduling.
   */
  @Test
  void twoHundredEventsDueWhileSendsHang() throws Exception {
    try (LocalCluster cluster = LocalCluster.builder().crds(Path.of("crds")).start();
        BlackHole blackHole = new BlackHole()) {
      cluster.createNamespace(NAMESPACE);
      RunCreationTimes posts = new RunCreationTimes();
      KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(cluster.controlPlane().userConfig(OPERATOR_USER, List.of(ControlPlane.MASTERS)))
          .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("timing", posts))
          .build();
      Vertx vertx = Vertx.vertx();
      Operator operator =
          startOperator(client, new SimpleMeterRegistry(), new ToolSender(new TargetGuard(true), vertx));
      try {
        KubernetesClient setup = cluster.newClient();
        setup.resource(new SecretBuilder()
            .withNewMetadata().withName("black-hole").withNamespace(NAMESPACE)
            .withLabels(Map.of(ToolSecrets.TYPE_LABEL, "webhook")).endMetadata()
            .withStringData(Map.of("url", "http://127.0.0.1:" + blackHole.port() + "/hook"))
            .build()).create();
        Event notifier = TestRuns.bashEvent("notifier", "echo done");
        notifier.getMetadata().setNamespace(NAMESPACE);
        notifier.getSpec().setActions(List.of(TestRuns.notifyAction(ActionTrigger.Always, "black-hole", "s", "m")));
        setup.resource(notifier).create();
        awaitStartOfAMinute();
        for (int i = 0; i < HELD_SENDS; i++) {
          setup.resource(TestRuns.newRun(NAMESPACE, "notifier-" + i, "notifier")).create();
        }
        for (int i = 0; i < DUE_WHILE_HELD; i++) {
          setup.resource(event("tick-" + i)).create();
        }
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
            .until(() -> scheduledEvents(setup) == DUE_WHILE_HELD
                && setup.pods().inNamespace(NAMESPACE).list().getItems().size() == HELD_SENDS);

        Instant warmUpSlot = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 60 * 60 + 60);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .until(() -> posts.count() == DUE_WHILE_HELD);
        posts.clear();
        await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(200))
            .until(() -> posts.count() == DUE_WHILE_HELD);
        String unloaded = posts.report("slot_to_jobrun_post_ms_without_held_sends");
        posts.clear();

        Instant heldSlot = warmUpSlot.plusSeconds(120);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), heldSlot.minusSeconds(15)).toMillis()));
        for (int i = 0; i < HELD_SENDS; i++) {
          TestRuns.writePodStatus(setup, NAMESPACE, "notifier-" + i, TestRuns.terminated(0, "{\"exitCode\":0}"));
        }
        await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(200))
            .until(() -> posts.count() == DUE_WHILE_HELD);
        String held = posts.report("slot_to_jobrun_post_ms_with_held_sends");
        String text = "# make bench: scheduler, " + DUE_WHILE_HELD + " every-minute Events due three times"
            + " (the first to warm up); before the third slot " + HELD_SENDS + " webhook sends start to an endpoint that accepts and never answers\n"
            + "measured_at: " + Instant.now() + '\n'
            + "sends_the_endpoint_accepted_before_the_third_slot: " + blackHole.connectionsAt(heldSlot) + '\n'
            + unloaded + held;
        Files.createDirectories(HELD_SENDS_REPORT.getParent());
        Files.writeString(HELD_SENDS_REPORT, text);
        System.out.print(text);
      } finally {
        operator.stop();
        vertx.close();
      }
    }
  }

  /** A webhook endpoint that accepts every connection and never answers, counting them. */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    private final List<Socket> held = Collections.synchronizedList(new ArrayList<>());
    private final List<Instant> acceptedAt = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor = new Thread(this::accept, "black-hole");

    BlackHole() throws IOException {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    long connectionsAt(Instant when) {
      return acceptedAt.stream().filter(at -> at.isBefore(when)).count();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          held.add(server.accept());
          acceptedAt.add(Instant.now());
        } catch (IOException closed) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (held) {
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  /**
   * When the operator sent each JobRun POST, after its slot: the skew minus the API server's
   * answer time, so the report can tell the operator's share from the mock's.
   */
  private static final class RunCreationTimes implements Interceptor {
    private final List<Long> sentAfterSlotMicros = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      if (request.method().equals("POST") && request.uri().getPath().endsWith("/jobruns")) {
        Instant now = Instant.now();
        Instant slot = Instant.ofEpochSecond(now.getEpochSecond() - now.getEpochSecond() % 60);
        sentAfterSlotMicros.add(ChronoUnit.MICROS.between(slot, now));
      }
    }

    int count() {
      return sentAfterSlotMicros.size();
    }

    void clear() {
      sentAfterSlotMicros.clear();
    }

    String report() {
      return report("operator_sent_post_after_slot_ms");
    }

    String report(String label) {
      List<Long> sorted = new ArrayList<>(sentAfterSlotMicros);
      Collections.sort(sorted);
      return String.format("%s: p50 %.1f, p99 %.1f, max %.1f (n=%d)%n", label,
          sorted.get(sorted.size() / 2) / 1000.0,
          sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1000.0,
          sorted.get(sorted.size() - 1) / 1000.0, sorted.size());
    }
  }

  private static void awaitStartOfAMinute() throws InterruptedException {
    // All Events must exist before the same minute boundary: start right after one.
    while (Instant.now().getEpochSecond() % 60 > 3) {
      Thread.sleep(200);
    }
  }

  private static Event event(String name) {
    return TestRuns.cronEvent(NAMESPACE, name, "echo tick", "* * * * *");
  }

  private static long scheduledEvents(KubernetesClient client) {
    return client.resources(Event.class).inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> e.getStatus() != null && e.getStatus().getNextScheduleTime() != null)
        .count();
  }
}
