package io.cronium.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cronium.localcluster.LocalCluster;
import io.cronium.tools.ToolSecrets;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kubectl cronium test-tool} against the local cluster and a local webhook receiver. */
class TestToolCommandTest {

  private static LocalCluster cluster;
  private static HttpServer receiver;
  private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws IOException {
    cluster = LocalCluster.builder().crds(Path.of("crds")).start();
    cluster.createNamespace("team-a");
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      RECEIVED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    secret("good-hook", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
    secret("bad-slack", Map.of("url", "https://example.org/services/SECRETPART"));
  }

  private static void secret(String name, Map<String, String> fields) {
    String type = name.endsWith("slack") ? "slack" : "webhook";
    cluster.client().resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace("team-a")
        .withLabels(Map.of(ToolSecrets.TYPE_LABEL, type)).endMetadata().withStringData(fields).build()).create();
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
    cluster.close();
  }

  private int run(String... args) {
    CommandLine cli = CroniumCli.commandLine(cluster::newClient);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void sendsATestMessageThroughAWellFormedTool() {
    assertThat(run("test-tool", "good-hook", "-n", "team-a", "--allow-private-targets")).isZero();

    assertThat(out.toString()).contains("sent through tool \"good-hook\" (HTTP 200)");
    assertThat(RECEIVED).anySatisfy(body -> assertThat(body).contains(TestToolCommand.MESSAGE));
  }

  @Test
  void refusesALocalTargetUnlessAllowed() {
    assertThat(run("test-tool", "good-hook", "-n", "team-a")).isEqualTo(TestToolCommand.FAILED);

    assertThat(err.toString()).contains("TargetNotAllowed").doesNotContain("/hook");
  }

  @Test
  void namesTheBadFieldWithoutTheValue() {
    assertThat(run("test-tool", "bad-slack", "-n", "team-a")).isEqualTo(TestToolCommand.FAILED);

    assertThat(err.toString().strip()).isEqualTo(
        "error: Secret \"bad-slack\": field url must be an https URL on hooks.slack.com under /services/");
  }

  @Test
  void aMissingSecretIsAClearError() {
    assertThat(run("test-tool", "nope", "-n", "team-a")).isEqualTo(TestToolCommand.FAILED);

    assertThat(err.toString().strip()).isEqualTo("error: Secret \"nope\" not found in namespace \"team-a\"");
  }
}
