package io.cronium.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.RunTrigger;
import io.cronium.localcluster.LocalCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed Event and JobRun CRDs, installed on the real API server, refuse bad input with the
 * schema's or CEL rule's own message and apply their defaults. Objects go through a server-side
 * dry run, so nothing is stored.
 */
class CrdValidationTest {

  private static final String NAMESPACE = "crd-validation";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static LocalCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void installCrds() {
    cluster = LocalCluster.builder().crds(Path.of("crds")).start();
    cluster.createNamespace(NAMESPACE);
    client = cluster.client();
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  /** The API server's messages refusing {@code document}, one per cause; empty when it is accepted. */
  private static List<String> validate(JsonNode document) {
    GenericKubernetesResource resource = Serialization.unmarshal(document.toString(), GenericKubernetesResource.class);
    try {
      client.resource(resource).inNamespace(NAMESPACE).dryRun().create();
      return List.of();
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
      List<StatusCause> causes = e.getStatus().getDetails().getCauses();
      // The server adds a note when a schema error kept it from running the CEL rules: not a reason.
      return causes.stream()
          .filter(cause -> !cause.getMessage().contains("some validation rules were not checked"))
          .map(cause -> cause.getField() + ": " + cause.getMessage())
          .toList();
    }
  }

  private static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  private static List<String> validateEvent(String spec) throws IOException {
    return validate(yaml("apiVersion: cronium.io/v1alpha1\nkind: Event\nmetadata:\n  name: hello\nspec:\n"
        + spec.indent(2)));
  }

  @Test
  void acceptsAValidBashEvent() throws IOException {
    assertThat(validateEvent("type: Bash\nscript: echo Hello World\n")).isEmpty();
  }

  @Test
  void retryLimitIsBetweenZeroAndTen() throws IOException {
    assertThat(validateEvent("type: Bash\nscript: 'false'\nretries:\n  limit: 10\n")).isEmpty();
    assertThat(validateEvent("type: Bash\nscript: 'false'\nretries:\n  limit: 11\n"))
        .singleElement().asString().contains("spec.retries.limit");
    assertThat(validateEvent("type: Bash\nscript: 'false'\nretries:\n  limit: -1\n"))
        .singleElement().asString().contains("spec.retries.limit");
  }

  @Test
  void resourcesMustBeQuantities() throws IOException {
    assertThat(validateEvent("type: Bash\nscript: 'true'\nresources:\n  cpu: 250m\n  memory: 1Gi\n")).isEmpty();
    assertThat(validateEvent("type: Bash\nscript: 'true'\nresources:\n  cpu: lots\n"))
        .singleElement().asString().contains("spec.resources.cpu");
  }

  @Test
  void anEventOrJobRunWithoutSpecIsRefused() throws IOException {
    for (String kind : List.of("Event", "JobRun")) {
      assertThat(validate(yaml("apiVersion: cronium.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: empty\n")))
          .as(kind)
          .singleElement().asString().contains("spec is required");
    }
  }

  @Test
  void rejectsAnUnknownType() throws IOException {
    assertThat(validateEvent("type: Perl\nscript: print 1\n"))
        .singleElement()
        .asString()
        .contains("spec.type")
        .contains("Bash");
  }

  @Test
  void rejectsAScriptTypeWithoutScript() throws IOException {
    assertThat(validateEvent("type: Bash\n"))
        .singleElement().asString().contains("script is required for type Bash, Python and NodeJS");
    assertThat(validateEvent("type: Python\nscript: \"\"\n"))
        .singleElement().asString().contains("script is required for type Bash, Python and NodeJS");
  }

  @Test
  void rejectsHttpWithoutARequestAndWithAScript() throws IOException {
    assertThat(validateEvent("type: HTTP\n")).singleElement().asString().contains("http is required for type HTTP");
    assertThat(validateEvent("type: HTTP\nscript: echo\nhttp:\n  url: https://example.org\n"))
        .singleElement().asString().contains("script must not be set for type HTTP; put the request in http");
  }

  @Test
  void egressIsDefaultOrNoneAndAnHttpEventCannotDropIt() throws IOException {
    assertThat(validateEvent("type: Bash\nscript: 'true'\negress: None\n")).isEmpty();
    assertThat(validateEvent("type: Bash\nscript: 'true'\negress: Internet\n"))
        .singleElement().asString().contains("spec.egress").contains("None");
    assertThat(validateEvent("type: HTTP\nhttp:\n  url: https://example.org\negress: None\n"))
        .singleElement().asString().contains("egress None leaves an HTTP Event no way to send its request");
  }

  @Test
  void toolsAreSecretNames() throws IOException {
    assertThat(validateEvent("type: Bash\nscript: 'true'\ntools: [ops-slack, team.mail]\n")).isEmpty();
    assertThat(validateEvent("type: Bash\nscript: 'true'\ntools: [Ops_Slack]\n"))
        .singleElement().asString().contains("spec.tools[0]");
  }

  @Test
  void runtimeClassNameIsAnObjectName() throws IOException {
    assertThat(validateEvent("type: Bash\nscript: 'true'\nruntimeClassName: gvisor\n")).isEmpty();
    assertThat(validateEvent("type: Bash\nscript: 'true'\nruntimeClassName: Kata_Containers\n"))
        .singleElement().asString().contains("spec.runtimeClassName");
  }

  @Test
  void rejectsAHeaderWithBothOrNeitherValueSource() throws IOException {
    String both =
        "type: HTTP\nhttp:\n  url: https://example.org\n  headers:\n  - name: A\n    value: x\n"
            + "    valueFrom:\n      secretKeyRef: {name: s, key: k}\n";
    String neither = "type: HTTP\nhttp:\n  url: https://example.org\n  headers:\n  - name: A\n";

    assertThat(validateEvent(both)).singleElement().asString().contains("set exactly one of value or valueFrom");
    assertThat(validateEvent(neither)).singleElement().asString().contains("set exactly one of value or valueFrom");
  }

  @Test
  void acceptsRunEventAndNotifyActions() throws IOException {
    String actions =
        "type: Bash\nscript: echo\nactions:\n"
            + "- when: Success\n  runEvent: {name: next}\n"
            + "- when: Condition\n  condition: false\n  notify: {tool: team-slack, message: \"{{run.phase}}\"}\n";
    assertThat(validateEvent(actions)).isEmpty();
  }

  @Test
  void rejectsAnActionWithBothOrNeitherKind() throws IOException {
    String both = "type: Bash\nscript: echo\nactions:\n- when: Always\n  runEvent: {name: next}\n"
        + "  notify: {tool: t, message: m}\n";
    String neither = "type: Bash\nscript: echo\nactions:\n- when: Always\n";

    assertThat(validateEvent(both)).singleElement().asString().contains("set exactly one of runEvent or notify");
    assertThat(validateEvent(neither)).singleElement().asString().contains("set exactly one of runEvent or notify");
  }

  @Test
  void requiresConditionExactlyWhenOnIsCondition() throws IOException {
    String missing = "type: Bash\nscript: echo\nactions:\n- when: Condition\n  runEvent: {name: next}\n";
    String stray = "type: Bash\nscript: echo\nactions:\n- when: Success\n  condition: true\n"
        + "  runEvent: {name: next}\n";

    assertThat(validateEvent(missing))
        .singleElement().asString().contains("condition (true or false) is required when `when` is Condition");
    assertThat(validateEvent(stray)).singleElement().asString().contains("condition may only be set when `when` is Condition");
  }

  @Test
  void rejectsAnUnknownTriggerAndANotifyWithoutMessage() throws IOException {
    assertThat(validateEvent("type: Bash\nscript: echo\nactions:\n- when: Sometimes\n  runEvent: {name: n}\n"))
        .singleElement().asString().contains("spec.actions[0].when");
    assertThat(validateEvent("type: Bash\nscript: echo\nactions:\n- when: Always\n  notify: {tool: t}\n"))
        .singleElement().asString().contains("message");
  }

  @Test
  void rejectsAMalformedUrlAndMethod() throws IOException {
    assertThat(validateEvent("type: HTTP\nhttp:\n  url: ftp://example.org\n"))
        .singleElement().asString().contains("spec.http.url");
    assertThat(validateEvent("type: HTTP\nhttp:\n  url: https://x.org\n  method: FETCH\n"))
        .singleElement().asString().contains("spec.http.method");
  }

  @Test
  void rejectsReservedEnvNamesAndLongNames() throws IOException {
    assertThat(validateEvent("type: Bash\nscript: env\nenv:\n- name: CRONIUM_RUN_SPEC\n  value: x\n"))
        .singleElement().asString().contains("env names starting with CRONIUM_ are reserved for the Cronium runtime");
    var longName =
        validate(yaml("apiVersion: cronium.io/v1alpha1\nkind: Event\nmetadata:\n  name: " + "a".repeat(53)
            + "\nspec:\n  type: Bash\n  script: 'true'\n"));
    assertThat(longName).singleElement().asString().contains("Event names are limited to 52 characters");
  }

  @Test
  void aWebhookNeedsItsSecretsNameAndAPlainKey() throws IOException {
    assertThat(validateEvent("type: Bash\nscript: echo\nwebhook: {}\n"))
        .singleElement().asString().contains("spec.webhook.secretRef");
    assertThat(validateEvent("type: Bash\nscript: echo\nwebhook:\n  secretRef: {key: token}\n"))
        .singleElement().asString().contains("spec.webhook.secretRef.name");
    assertThat(validateEvent("type: Bash\nscript: echo\nwebhook:\n  secretRef: {name: hook, key: 'a/b'}\n"))
        .singleElement().asString().contains("spec.webhook.secretRef.key");
  }

  @Test
  void aWebhooksSecretKeyDefaultsToToken() throws IOException {
    Event created = Serialization.unmarshal(Serialization.asJson(client.resource(Serialization.unmarshal(
        yaml("apiVersion: cronium.io/v1alpha1\nkind: Event\nmetadata:\n  name: hooked\nspec:\n"
            + "  type: Bash\n  script: echo\n  webhook:\n    secretRef: {name: hook}\n").toString(),
        GenericKubernetesResource.class)).inNamespace(NAMESPACE).dryRun().create()), Event.class);

    assertThat(created.getSpec().getWebhook().getSecretRef().getKey()).isEqualTo("token");
  }

  @Test
  void rejectsAJobRunWithoutEventRef() throws IOException {
    var errors = validate(yaml(
        "apiVersion: cronium.io/v1alpha1\nkind: JobRun\nmetadata:\n  name: r\nspec:\n  trigger: Manual\n"));
    assertThat(errors).singleElement().asString().contains("eventRef");
  }

  @Test
  void aJobRunWithoutTriggerReadsBackManual() throws IOException {
    JobRun created = Serialization.unmarshal(Serialization.asJson(client.resource(Serialization.unmarshal(
        yaml("apiVersion: cronium.io/v1alpha1\nkind: JobRun\nmetadata:\n  name: defaulted\nspec:\n"
            + "  eventRef: {name: hello}\n").toString(), GenericKubernetesResource.class))
        .inNamespace(NAMESPACE).dryRun().create()), JobRun.class);

    assertThat(created.getSpec().getTrigger()).isEqualTo(RunTrigger.Manual);
  }

  static Stream<Path> examples() throws IOException {
    return Files.list(Path.of("examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyShippedExampleIsValid(Path example) throws IOException {
    for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(example)).readAll()) {
      assertThat(validate(document)).as(example + " " + document.at("/metadata/name")).isEmpty();
    }
  }
}
