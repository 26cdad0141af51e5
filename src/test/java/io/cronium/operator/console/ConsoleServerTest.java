package io.cronium.operator.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Event;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.jobrun.TestRuns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's server against the local cluster's API server: assets, the proxy with the user's
 * own identity, a watch passed through as it streams, and the checks that keep other sites out.
 */
class ConsoleServerTest {

  private static final String EVENTS = "/apis/cronium.io/v1alpha1/namespaces/team-c/events";

  private static LocalCluster cluster;
  private static ConsoleServer admin;
  private static ConsoleServer stranger;
  private final HttpClient browser = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    cluster = LocalCluster.builder().crds(Path.of("crds")).start();
    cluster.createNamespace("team-c");
    admin = ConsoleServer.start(cluster.client(), 0, "console-test-assets/", "team-c");
    stranger = ConsoleServer.start(
        cluster.controlPlane().newClient(cluster.controlPlane().userConfig("stranger", List.of())), 0,
        "console-test-assets/", "default");
  }

  @AfterAll
  static void stop() {
    admin.close();
    stranger.close();
    cluster.close();
  }

  @Test
  void servesTheBundledPagesAndTheNamespaceToOpenWith() throws Exception {
    HttpResponse<String> page = get(admin, "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("test console");
    assertThat(get(admin, "/console/config.json").body()).isEqualTo("{\"namespace\":\"team-c\"}");
    assertThat(get(admin, "/../pom.xml").statusCode()).isEqualTo(404);
  }

  @Test
  void callsTheApiServerAsTheUserSoRbacDecides() throws Exception {
    assertThat(get(admin, EVENTS).statusCode()).isEqualTo(200);

    HttpResponse<String> refused = get(stranger, EVENTS);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("\"kind\":\"Status\"").contains("User \\\"stranger\\\" cannot list resource");
  }

  @Test
  void passesAWatchThroughAsItStreams() throws Exception {
    CompletableFuture<HttpResponse<InputStream>> watch = browser.sendAsync(
        request(admin, EVENTS + "?watch=1").build(), HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> response = watch.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    Event event = TestRuns.bashEvent("watched", "echo hi");
    event.getMetadata().setNamespace("team-c");
    cluster.client().resource(event).create();

    // The watch stays open: the event arrives only if the console passes bytes on as they come.
    // (Not closed here: closing a reader blocks while another thread reads; stopping the server ends it.)
    BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    String first = CompletableFuture.supplyAsync(() -> readLine(lines)).get(10, TimeUnit.SECONDS);
    assertThat(first).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"watched\"");
  }

  @Test
  void takesChangesOnlyFromItsOwnPages() throws Exception {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"c-\"}}";
    String path = "/api/v1/namespaces/team-c/configmaps";

    HttpResponse<String> foreign = browser.send(request(admin, path).header("Origin", "https://evil.example")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> noOrigin = browser.send(request(admin, path)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> own = browser.send(request(admin, path).header("Origin", "http://127.0.0.1:" + admin.port())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(noOrigin.statusCode()).isEqualTo(403);
    assertThat(own.statusCode()).isEqualTo(201);
    assertThat(cluster.client().configMaps().inNamespace("team-c").list().getItems())
        .filteredOn(map -> map.getMetadata().getName().startsWith("c-")).hasSize(1);
  }

  @Test
  void refusesRequestsForAnotherHostName() throws IOException {
    // What a page of a site whose name was rebound to 127.0.0.1 sends; java.net.http cannot set Host.
    try (Socket socket = new Socket("127.0.0.1", admin.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + EVENTS + " HTTP/1.1\r\nHost: evil.example:" + admin.port() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      assertThat(statusLine).isEqualTo("HTTP/1.1 403 Forbidden");
    }
  }

  private HttpResponse<String> get(ConsoleServer server, String path) throws IOException, InterruptedException {
    return browser.send(request(server, path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(ConsoleServer server, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(30));
  }

  private static String readLine(BufferedReader lines) {
    try {
      return lines.readLine();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
