package io.cronium.operator.action.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.tools.Tool;
import io.cronium.tools.ToolSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubernetesToolSecretsTest {

  private static final String SLACK = "https://hooks.slack.com/services/T000/B000/XXXX";
  private static final String DISCORD = "https://discord.com/api/webhooks/123/abc";

  static Secret secret(String type, Map<String, String> fields) {
    SecretBuilder builder = new SecretBuilder().withNewMetadata().withName("team-tool").endMetadata();
    if (type != null) {
      builder.editMetadata().withLabels(Map.of(ToolSecrets.TYPE_LABEL, type)).endMetadata();
    }
    Map<String, String> data = new HashMap<>();
    fields.forEach((key, value) ->
        data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return builder.withData(data).build();
  }

  static Map<String, String> email(String key, String value) {
    Map<String, String> fields = new HashMap<>(Map.of(
        "host", "smtp.example.org", "port", "587", "username", "cronium",
        "password", "pa55-w0rd", "from", "cronium@example.org", "to", "ops@example.org, dev@example.org",
        "tls", "starttls"));
    if (value == null) {
      fields.remove(key);
    } else {
      fields.put(key, value);
    }
    return fields;
  }

  static Stream<Arguments> malformed() {
    String prefix = "Secret \"team-tool\": ";
    return Stream.of(
        Arguments.of("unknown type", secret("teams", Map.of("url", SLACK)),
            prefix + "label cronium.io/tool-type must be one of slack, discord, email, webhook"),
        Arguments.of("slack without url", secret("slack", Map.of()),
            prefix + "field url is required and must not be empty"),
        Arguments.of("slack over http", secret("slack", Map.of("url", "http://hooks.slack.com/services/T/B/X")),
            prefix + "field url must be an https URL on hooks.slack.com under /services/"),
        Arguments.of("slack on the wrong host", secret("slack", Map.of("url", "https://hooks.example.com/services/T/B/X")),
            prefix + "field url must be an https URL on hooks.slack.com under /services/"),
        Arguments.of("slack not a URL", secret("slack", Map.of("url", "hooks slack com")),
            prefix + "field url must be an https URL on hooks.slack.com under /services/"),
        Arguments.of("discord on the wrong host", secret("discord", Map.of("url", "https://discord.example.com/api/webhooks/1/a")),
            prefix + "field url must be an https URL on discord.com or discordapp.com under /api/webhooks/"),
        Arguments.of("discord not a webhook path", secret("discord", Map.of("url", "https://discord.com/channels/1/2")),
            prefix + "field url must be an https URL on discord.com or discordapp.com under /api/webhooks/"),
        Arguments.of("email without host", secret("email", email("host", null)),
            prefix + "field host is required and must not be empty"),
        Arguments.of("email with a non-numeric port", secret("email", email("port", "smtp")),
            prefix + "field port must be a number from 1 to 65535"),
        Arguments.of("email with port 0", secret("email", email("port", "0")),
            prefix + "field port must be a number from 1 to 65535"),
        Arguments.of("email with port 70000", secret("email", email("port", "70000")),
            prefix + "field port must be a number from 1 to 65535"),
        Arguments.of("email with an empty password", secret("email", email("password", "")),
            prefix + "field password is required and must not be empty"),
        Arguments.of("email without username", secret("email", email("username", null)),
            prefix + "field username is required and must not be empty"),
        Arguments.of("email with a bad from", secret("email", email("from", "cronium")),
            prefix + "field from must be an email address like cronium@example.org"),
        Arguments.of("email without recipients", secret("email", email("to", " ")),
            prefix + "field to is required and must not be empty"),
        Arguments.of("email with a bad recipient", secret("email", email("to", "ops@example.org; dev")),
            prefix + "field to must be one or more email addresses, separated by commas"),
        Arguments.of("email with an unknown tls mode", secret("email", email("tls", "ssl")),
            prefix + "field tls must be one of none, starttls, tls"),
        Arguments.of("webhook over ftp", secret("webhook", Map.of("url", "ftp://example.org/hook")),
            prefix + "field url must be an http or https URL"),
        Arguments.of("webhook with an empty hmacSecret", secret("webhook", Map.of("url", "https://example.org/h", "hmacSecret", "")),
            prefix + "field hmacSecret must not be empty when present"),
        Arguments.of("webhook headers not JSON", secret("webhook", Map.of("url", "https://example.org/h", "headers", "X-Token: abc")),
            prefix + "field headers must be a JSON object of header names to values"),
        Arguments.of("webhook headers a JSON array", secret("webhook", Map.of("url", "https://example.org/h", "headers", "[\"a\"]")),
            prefix + "field headers must be a JSON object of header names to values"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedSecretNamesTheSecretAndFieldButNoValue(String description, Secret secret, String expected) {
    ToolSecrets.Result result = KubernetesToolSecrets.read(secret);

    assertThat(result.tool()).isEmpty();
    assertThat(result.problem()).contains(expected);
    assertThat(expected).doesNotContain("pa55-w0rd", "smtp.example.org", "X-Token", "T000");
  }

  @Test
  void wellFormedSecretsOfEachTypeAreTools() {
    assertThat(KubernetesToolSecrets.read(secret("slack", Map.of("url", SLACK))).tool()).isPresent();
    assertThat(KubernetesToolSecrets.read(secret("discord", Map.of("url", DISCORD))).tool()).isPresent();
    assertThat(KubernetesToolSecrets.read(secret("discord", Map.of("url", "https://discordapp.com/api/webhooks/1/a"))).tool()).isPresent();
    assertThat(KubernetesToolSecrets.read(secret("email", email("tls", null))).tool()).isPresent();
    assertThat(KubernetesToolSecrets.read(secret("webhook",
        Map.of("url", "http://example.org/h", "hmacSecret", "k", "headers", "{\"X-Team\":\"ops\"}"))).tool())
        .isPresent();
  }

  @Test
  void aToolNeverPrintsItsFields() {
    Tool tool = KubernetesToolSecrets.read(secret("slack", Map.of("url", SLACK))).tool().orElseThrow();

    assertThat(tool.toString()).doesNotContain("T000").contains("team-tool", "slack");
  }
}
