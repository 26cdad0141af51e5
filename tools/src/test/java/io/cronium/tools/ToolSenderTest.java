package io.cronium.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP tools against a local receiver standing in for Slack, Discord and a webhook. The
 * tools are built directly: their Secrets would insist on the real hosts.
 */
class ToolSenderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer receiver;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> teamHeaders = new CopyOnWriteArrayList<>();
  private final List<String> signatures = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private static final Vertx VERTX = Vertx.vertx();
  private final List<String> hosts = new CopyOnWriteArrayList<>();
  private final ToolSender sender = new ToolSender(new TargetGuard(true), VERTX);

  @AfterAll
  static void closeVertx() {
    VERTX.close();
  }

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      hosts.add(exchange.getRequestHeaders().getFirst("Host"));
      String team = exchange.getRequestHeaders().getFirst("X-Team");
      if (team != null) {
        teamHeaders.add(team);
      }
      String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
      if (signature != null) {
        signatures.add(signature);
      }
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private Tool tool(ToolType type, Map<String, String> extra) {
    Map<String, String> fields = new HashMap<>(extra);
    fields.put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/services/T/B/X");
    return new Tool("team-tool", type, fields);
  }

  @Test
  void slackGetsTextAndDiscordGetsContent() throws Exception {
    assertThat(sender.send(tool(ToolType.slack, Map.of()), ToolMessage.of("nightly Failed", "exit 2")).sent()).isTrue();
    assertThat(sender.send(tool(ToolType.discord, Map.of()), ToolMessage.of("", "exit 2")).sent()).isTrue();

    assertThat(JSON.readTree(bodies.get(0))).isEqualTo(JSON.readTree("{\"text\":\"nightly Failed\\nexit 2\"}"));
    assertThat(JSON.readTree(bodies.get(1))).isEqualTo(JSON.readTree("{\"content\":\"exit 2\"}"));
  }

  @Test
  void aWebhookGetsItsHeadersAndAnHmacOverTheBody() throws Exception {
    SendOutcome outcome = sender.send(
        tool(ToolType.webhook, Map.of("headers", "{\"X-Team\":\"ops\"}", "hmacSecret", "k")), ToolMessage.of("s", "m"));

    assertThat(outcome.sent()).isTrue();
    assertThat(teamHeaders).containsExactly("ops");
    assertThat(signatures).containsExactly("sha256=" + hmac("k", bodies.get(0)));
  }

  private static String hmac(String key, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aRefusalIsAFailureNamingTheToolButNotItsUrl() {
    status.set(403);

    SendOutcome outcome = sender.send(tool(ToolType.slack, Map.of()), ToolMessage.of("s", "m"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.reason()).isEqualTo(SendReasons.NOTIFICATION_FAILED);
    assertThat(outcome.message()).isEqualTo("tool \"team-tool\" answered HTTP 403").doesNotContain("/services/");
    assertThat(bodies).hasSize(1);
  }

  @Test
  void privateTargetsAreRefusedBeforeAnythingIsSent() {
    SendOutcome outcome =
        new ToolSender(new TargetGuard(false), VERTX).send(tool(ToolType.webhook, Map.of()), ToolMessage.of("s", "m"));

    assertThat(outcome.reason()).isEqualTo(SendReasons.TARGET_NOT_ALLOWED);
    assertThat(bodies).isEmpty();
  }

  /**
   * A name that resolves once to the receiver, then (as a rebinding DNS server would answer) to
   * an address where nothing listens: the send must use the first answer and never ask again.
   */
  private TargetGuard rebindingDns(String name, AtomicInteger lookups) {
    return new TargetGuard(true, host -> {
      assertThat(host).isEqualTo(name);
      return new InetAddress[] {
          InetAddress.getByName(lookups.incrementAndGet() == 1 ? "127.0.0.1" : "192.0.2.1")};
    });
  }

  @Test
  void aWebhookIsSentToTheAddressTheGuardCheckedUnderItsHostName() {
    AtomicInteger lookups = new AtomicInteger();
    ToolSender pinned = new ToolSender(rebindingDns("hooks.example.test", lookups), VERTX);
    int port = receiver.getAddress().getPort();
    Tool tool = new Tool("team-tool", ToolType.webhook, Map.of("url", "http://hooks.example.test:" + port + "/in"));

    SendOutcome outcome = pinned.send(tool, ToolMessage.of("s", "m"));

    assertThat(outcome.sent()).as(outcome.message()).isTrue();
    assertThat(lookups).hasValue(1);
    assertThat(hosts).containsExactly("hooks.example.test:" + port);
  }

  @Test
  void anEmailGoesToTheAddressTheGuardCheckedWithoutASecondLookup() {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    try {
      smtp.setUser("cronium@example.org", "cronium", "pa55-w0rd");
      AtomicInteger lookups = new AtomicInteger();
      ToolSender pinned = new ToolSender(rebindingDns("mail.example.test", lookups), VERTX);
      Tool tool = new Tool("ops-mail", ToolType.email, Map.of(
          "host", "mail.example.test", "port", Integer.toString(smtp.getSmtp().getPort()),
          "username", "cronium", "password", "pa55-w0rd", "tls", "none",
          "from", "cronium@example.org", "to", "ops@example.org"));

      SendOutcome outcome = pinned.send(tool, ToolMessage.of("subject", "body"));

      assertThat(outcome.sent()).as(outcome.message()).isTrue();
      assertThat(lookups).hasValue(1);
      assertThat(smtp.getReceivedMessages()).hasSize(1);
    } finally {
      smtp.stop();
    }
  }

  @Test
  void anEmailGoesToTheRecipientsTheSenderNamesInsteadOfTheTools() throws Exception {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    try {
      smtp.setUser("cronium@example.org", "cronium", "pa55-w0rd");
      Tool tool = new Tool("ops-mail", ToolType.email, Map.of(
          "host", "127.0.0.1", "port", Integer.toString(smtp.getSmtp().getPort()),
          "username", "cronium", "password", "pa55-w0rd", "tls", "none",
          "from", "cronium@example.org", "to", "ops@example.org"));

      SendOutcome outcome = sender.send(tool, new ToolMessage("report", "all good",
          List.of("dev@example.org"), List.of("lead@example.org"), List.of("audit@example.org"), null));

      assertThat(outcome.sent()).as(outcome.message()).isTrue();
      // GreenMail keeps one copy per recipient: to, cc and bcc, and none for the tool's own "to".
      assertThat(smtp.getReceivedMessages()).hasSize(3);
      assertThat(List.of(smtp.getReceivedMessages()[0].getRecipients(jakarta.mail.Message.RecipientType.TO)))
          .extracting(Object::toString).containsExactly("dev@example.org");
    } finally {
      smtp.stop();
    }
  }

  @Test
  void slackGetsTheChannelTheSenderNames() throws Exception {
    assertThat(sender.send(tool(ToolType.slack, Map.of()),
        new ToolMessage(null, "deployed", List.of(), List.of(), List.of(), "#ops")).sent()).isTrue();

    assertThat(JSON.readTree(bodies.get(0))).isEqualTo(JSON.readTree("{\"text\":\"deployed\",\"channel\":\"#ops\"}"));
  }
}
