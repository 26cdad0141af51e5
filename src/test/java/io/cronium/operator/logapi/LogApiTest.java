package io.cronium.operator.logapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LogLine;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.Pki;
import io.cronium.localcluster.controlplane.RequestTally;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.Kubectl;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.testing.LogApiRegistration;
import io.cronium.operator.testing.OperatorIdentity;
import io.cronium.operator.testing.ScriptedPodLogs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API tier: the aggregated log API {@code logs.cronium.io} behind the real API server, which
 * authenticates and authorizes each request and proxies it to the operator.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class LogApiTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");
  private static final List<LogLine> LOG = IntStream.rangeClosed(1, 9)
      .mapToObj(i -> new LogLine(START.plusMillis(400L * i), "line " + i)).toList();
  private static final String VIEWER = "log-viewer";
  private static final String STRANGER = "log-stranger";

  @InjectLocalCluster LocalCluster cluster;

  private static String path(String ns, String run, String query) {
    return "/apis/logs.cronium.io/v1alpha1/namespaces/" + ns + "/jobruns/" + run + "/log" + query;
  }


  @BeforeEach
  void logApiAvailable() {
    await().atMost(WAIT).until(() -> {
      GenericKubernetesResource apiService = cluster.client()
          .genericKubernetesResources("apiregistration.k8s.io/v1", "APIService")
          .withName(LogApiRegistration.APISERVICE).get();
      Object conditions = ((Map<?, ?>) apiService.getAdditionalProperties().getOrDefault("status", Map.of()))
          .get("conditions");
      return conditions instanceof List<?> list && list.stream().map(Map.class::cast)
          .anyMatch(c -> "Available".equals(c.get("type")) && "True".equals(c.get("status")));
    });
  }

  @Test
  void aViewerReadsLogsThroughKubectlInTheirNamespaceOnly() {
    String allowed = "logapi-allowed";
    String other = "logapi-other";
    startRun(allowed, "hello");
    startRun(other, "hello");
    ScriptedPodLogs.INSTANCE.serve(allowed, "hello-1", LOG);
    ScriptedPodLogs.INSTANCE.serve(other, "hello-1", LOG);
    bindView(allowed, VIEWER);
    Kubectl viewer = Kubectl.as(cluster, VIEWER, List.of());

    // The built-in view role takes up the chart's jobruns/log rule once the controller has aggregated it.
    await().atMost(WAIT).until(() -> viewer.run("get", "--raw", path(allowed, "hello-1", "")).exitCode() == 0);
    Kubectl.Result read = viewer.run("get", "--raw", path(allowed, "hello-1", ""));
    Kubectl.Result elsewhere = viewer.run("get", "--raw", path(other, "hello-1", ""));
    Kubectl.Result stranger = Kubectl.as(cluster, STRANGER, List.of()).run("get", "--raw", path(allowed, "hello-1", ""));

    assertThat(read.out()).isEqualTo(TestRuns.numberedLines(1, 9));
    assertThat(elsewhere.exitCode()).isNotZero();
    assertThat(elsewhere.err()).contains("Forbidden");
    assertThat(stranger.exitCode()).isNotZero();
    assertThat(stranger.err()).contains("Forbidden");
  }

  @Test
  void kubectlSeesTheGroupInDiscovery() {
    Kubectl.Result resources = Kubectl.as(cluster, ControlPlane.ADMIN_USER, List.of(ControlPlane.MASTERS))
        .run("get", "--raw", "/apis/logs.cronium.io/v1alpha1");

    assertThat(resources.out()).contains("\"name\":\"jobruns/log\"").contains("\"verbs\":[\"get\"]");
  }

  @Test
  void onlyTheFrontProxyGetsInAndTheOperatorAuthorizesTheUserItNames() throws Exception {
    String ns = "logapi-direct";
    startRun(ns, "direct");
    ScriptedPodLogs.INSTANCE.serve(ns, "direct-1", LOG);
    bindView(ns, VIEWER);
    String path = path(ns, "direct-1", "");
    Pki.Issued proxy = cluster.controlPlane().frontProxy().client(ControlPlane.FRONT_PROXY_CLIENT, List.of());
    Pki.Issued clusterClient = cluster.controlPlane().pki().client(ControlPlane.FRONT_PROXY_CLIENT, List.of());
    String admin = "X-Remote-User: " + ControlPlane.ADMIN_USER + "\r\nX-Remote-Group: " + ControlPlane.MASTERS + "\r\n";

    // Claims without the front proxy's certificate are not believed, whatever they claim.
    assertThat(direct(null, path, admin)).startsWith("HTTP/1.1 401");
    assertThat(direct(clusterClient, path, admin)).startsWith("HTTP/1.1 401");
    // The front proxy's certificate for a user who may not read: the operator's own review refuses.
    assertThat(direct(proxy, path, "X-Remote-User: " + STRANGER + "\r\n")).startsWith("HTTP/1.1 403");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(direct(proxy, path, "X-Remote-User: " + VIEWER + "\r\n")).startsWith("HTTP/1.1 200").endsWith(TestRuns.numberedLines(1, 9)));
  }

  @Test
  void readsTakeThePodsLogParameters() {
    String ns = "logapi-params";
    startRun(ns, "params");
    ScriptedPodLogs.INSTANCE.serve(ns, "params-1", LOG);
    Kubectl admin = Kubectl.as(cluster, ControlPlane.ADMIN_USER, List.of(ControlPlane.MASTERS));

    assertThat(admin.run("get", "--raw", path(ns, "params-1", "?tailLines=2")).out()).isEqualTo(TestRuns.numberedLines(8, 9));
    assertThat(admin.run("get", "--raw", path(ns, "params-1", "?limitBytes=10")).out()).isEqualTo("line 1\nlin");
    assertThat(admin.run("get", "--raw", path(ns, "params-1", "?sinceTime=2026-11-28T10:00:03Z")).out())
        .isEqualTo(TestRuns.numberedLines(8, 9));
    assertThat(admin.run("get", "--raw", path(ns, "params-1", "?timestamps=true&tailLines=1")).out())
        .isEqualTo("2026-11-28T10:00:03.600Z line 9\n");
    Kubectl.Result invalid = admin.run("get", "--raw", path(ns, "params-1", "?tailLines=-1"));
    assertThat(invalid.err()).contains("BadRequest").contains("tailLines: must be at least 0");
    Kubectl.Result unknown = admin.run("get", "--raw", path(ns, "nobody", ""));
    assertThat(unknown.err()).contains("NotFound");
  }

  @Test
  void followStreamsTheLogThenTheStoredTailOnceThePodIsGoneWithoutRepeatingALine() throws Exception {
    KubernetesClient client = cluster.client();
    String ns = "logapi-follow";
    startRun(ns, "follow");
    AtomicReference<List<LogLine>> shown = new AtomicReference<>(LOG.subList(0, 5));
    ScriptedPodLogs.INSTANCE.serve(ns, "follow-1", (pod, container) -> {
      List<LogLine> lines = shown.get();
      if (lines == null) {
        throw new IllegalStateException("the node is unreachable");
      }
      return lines;
    });
    Process follow = Kubectl.as(cluster, ControlPlane.ADMIN_USER, List.of(ControlPlane.MASTERS))
        .start("get", "--raw", path(ns, "follow-1", "?follow=true"));
    StreamedText out = new StreamedText(follow.getInputStream());
    // The first five lines arrive while the run runs; then the node becomes unreachable, the
    // container ends, and the run's stored tail holds all nine.
    await().atMost(WAIT).until(() -> out.soFar().equals(TestRuns.numberedLines(1, 5)));
    shown.set(null);
    TestRuns.writePodStatus(client, ns, "follow-1", TestRuns.terminated(0, "{\"exitCode\":0}"));
    await().atMost(WAIT).until(() -> run(ns, "follow-1").phase() == JobRunPhase.Succeeded);
    JobRun finished = run(ns, "follow-1");
    finished.getStatus().setLogTail(TestRuns.numberedLines(1, 9));
    client.resource(finished).updateStatus();
    assertThat(out.whole()).as("still following while the Pod is there").isNotDone();

    client.pods().inNamespace(ns).withName("follow-1").delete();

    assertThat(out.whole()).succeedsWithin(WAIT).isEqualTo(TestRuns.numberedLines(1, 9));
    assertThat(follow.waitFor()).isZero();
  }

  /** A stream's text as it arrives, read on a thread of its own. */
  private static final class StreamedText {
    private final StringBuffer text = new StringBuffer();
    private final CompletableFuture<String> whole;

    StreamedText(InputStream in) {
      whole = CompletableFuture.supplyAsync(() -> {
        try (var reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
          char[] chunk = new char[4096];
          int read;
          while ((read = reader.read(chunk)) >= 0) {
            text.append(chunk, 0, read);
          }
          return text.toString();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }

    String soFar() {
      return text.toString();
    }

    CompletableFuture<String> whole() {
      return whole;
    }
  }

  @Test
  void repeatedReadsCostOneReviewAndAFinishedRunsLogIsReadOnce() {
    KubernetesClient client = cluster.client();
    String ns = "logapi-cached";
    startRun(ns, "cached");
    ScriptedPodLogs.INSTANCE.serve(ns, "cached-1", LOG);
    Kubectl admin = Kubectl.as(cluster, ControlPlane.ADMIN_USER, List.of(ControlPlane.MASTERS));
    RequestTally operatorRequests = cluster.requests(OperatorIdentity.USER::equals);
    // A running run's log is read each time: a kept answer would hide the lines printed since.
    for (int i = 0; i < 3; i++) {
      assertThat(admin.run("get", "--raw", path(ns, "cached-1", "")).out()).isEqualTo(TestRuns.numberedLines(1, 9));
    }
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(operatorRequests.snapshot()).containsEntry("POST subjectaccessreviews", 1L);
      assertThat(operatorRequests.snapshot().get("GET pods/log")).isGreaterThanOrEqualTo(3L);
    });
    TestRuns.writePodStatus(client, ns, "cached-1", TestRuns.terminated(0, "{\"exitCode\":0}"));
    await().atMost(WAIT).until(() -> run(ns, "cached-1").phase() == JobRunPhase.Succeeded);
    // Past the run's own read of its log tail as it finished.
    await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> run(ns, "cached-1").getStatus().getLogTail() != null);
    operatorRequests.reset();

    for (int i = 0; i < 5; i++) {
      assertThat(admin.run("get", "--raw", path(ns, "cached-1", "")).out()).isEqualTo(TestRuns.numberedLines(1, 9));
    }

    await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() ->
        assertThat(operatorRequests.snapshot()).containsEntry("GET pods/log", 1L));
  }

  /** One HTTP/1.1 request straight to the operator's port, with or without a client certificate. */
  private String direct(Pki.Issued clientCertificate, String path, String headers) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(clientCertificate), trustingClusterCa(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", logApiPort())) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
          + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      // Chunked bodies: keep the text of the chunks only.
      return response.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked") ? dechunk(response) : response;
    }
  }

  private static String dechunk(String response) {
    int bodyStart = response.indexOf("\r\n\r\n") + 4;
    StringBuilder body = new StringBuilder(response.substring(0, bodyStart));
    String rest = response.substring(bodyStart);
    while (!rest.isEmpty()) {
      int lineEnd = rest.indexOf("\r\n");
      int size = Integer.parseInt(rest.substring(0, lineEnd).trim(), 16);
      if (size == 0) {
        break;
      }
      body.append(rest, lineEnd + 2, lineEnd + 2 + size);
      rest = rest.substring(lineEnd + 2 + size + 2);
    }
    return body.toString();
  }

  private int logApiPort() {
    return Integer.parseInt(org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getValue("cronium.log-api.port", String.class));
  }

  private static javax.net.ssl.KeyManager[] keyManagers(Pki.Issued identity) throws GeneralSecurityException {
    if (identity == null) {
      return null;
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(identity.keyStore("identity", "test".toCharArray()), "test".toCharArray());
    return keys.getKeyManagers();
  }

  private javax.net.ssl.TrustManager[] trustingClusterCa() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", cluster.controlPlane().pki().authority().certificate());
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    return factory.getTrustManagers();
  }

  private void bindView(String ns, String user) {
    cluster.client().resource(new RoleBindingBuilder().withNewMetadata().withName(user + "-view").withNamespace(ns)
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
        .addNewSubject().withKind("User").withName(user).endSubject().build()).forceConflicts().serverSideApply();
  }


  private void startRun(String ns, String eventName) {
    cluster.createNamespace(ns);
    TestRuns.startRunningRun(cluster.client(), ns, eventName, WAIT);
  }

  private JobRun run(String ns, String name) {
    return cluster.client().resources(JobRun.class).inNamespace(ns).withName(name).get();
  }
}
