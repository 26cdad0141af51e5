package io.cronium.operator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventReasons;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.operator.event.EventConditions;
import io.cronium.operator.faults.MalformedObjects.EventCondition;
import io.cronium.operator.faults.MalformedObjects.Malformed;
import io.cronium.operator.faults.MalformedObjects.Outcome;
import io.cronium.operator.faults.MalformedObjects.Refused;
import io.cronium.operator.faults.MalformedObjects.RunReason;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault case 5: more than 30 malformed Events and JobRuns (wrong types, unknown enum values,
 * missing required fields, unknown fields, oversized script and input, dangling references, action
 * cycles, names too long, schedules only the operator can judge) are each refused by the API server
 * with a message saying what is wrong, or stored and explained in status. Then version skew: the
 * Event CRD is replaced by one that knows one more type ({@code Ruby}) and one more field
 * ({@code priority}) than the operator; an Event of the new type must be explained by a
 * {@code SpecValid} condition False, one that only sets the new field must run. Last, the
 * operator restarts with all of them stored and must start. Throughout, no informer may log an
 * error or give up, and an Event created after each step runs.
 */
@Tag("faults")
class MalformedObjectsTest {

  private static final String CASE = "malformed-objects";
  private static final int AT_LEAST = 30;
  /** What is explained at all is within seconds. */
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path EVENT_CRD = Path.of("crds/events.cronium.io-v1.yml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What each step of the case works with. */
  private record Step(FaultCluster cluster, OperatorProcess operator, FaultReport report, SoftAssertions softly) {

    KubernetesClient client() {
      return cluster.client();
    }

    String namespace() {
      return cluster.namespace();
    }

    JobRunPhase phaseOf(String run) {
      return runPhase(client(), namespace(), run);
    }

    /** Creates a plain Event and its run {@code <name>-1}. */
    void createGoodEvent(String name) {
      Event event = TestRuns.bashEvent(name, "echo fine");
      event.getMetadata().setNamespace(namespace());
      client().resource(event).create();
      client().resource(TestRuns.newRun(namespace(), name + "-1", name)).create();
    }
  }

  @Test
  void everyMalformedObjectIsRefusedOrExplainedAndTheOperatorKeepsWorking() throws IOException {
    FaultReport report = new FaultReport(CASE);
    SoftAssertions softly = new SoftAssertions();
    try (FaultCluster cluster = new FaultCluster(CASE);
        PlayedKubelet kubelet =
            new PlayedKubelet(cluster.failFastClient(), cluster.namespace(), Duration.ofSeconds(1))) {
      OperatorProcess operator = cluster.replica("cronium-operator-0");
      operator.startReady(WAIT);
      Step step = new Step(cluster, operator, report, softly);

      tryTheCatalogue(step);
      try {
        cluster.localCluster().applyCrds(skewedEventCrd());
        readEventsOfANewerCrd(step);
        restartWithEverythingStored(step);
      } finally {
        for (String name : List.of("skew-type", "skew-field")) {
          cluster.client().genericKubernetesResources("cronium.io/v1alpha1", "Event")
              .inNamespace(cluster.namespace()).withName(name).delete();
        }
        Polling.until(WAIT, () -> cluster.client().genericKubernetesResources("cronium.io/v1alpha1", "Event")
            .inNamespace(cluster.namespace()).withName("skew-type").get() == null);
        cluster.localCluster().applyCrds(EVENT_CRD.getParent());
      }

      OperatorLog log = operator.readLog();
      report.put("informer_problems", log.informerProblems()).put("error_log_lines", log.errors().size())
          .put("unexpected_exits", operator.unexpectedExits());
      softly.assertThat(log.informerProblems()).as("informer errors in %s", operator.logFile()).isEmpty();
      softly.assertThat(operator.unexpectedExits()).as("operator exits").isEmpty();
    } finally {
      report.write();
    }
    softly.assertAll();
  }

  /** Each object of {@link MalformedObjects} refused or explained; then a good Event still runs. */
  private static void tryTheCatalogue(Step step) {
    KubernetesClient client = step.client();
    String namespace = step.namespace();
    SoftAssertions softly = step.softly();
    List<Malformed> catalogue = MalformedObjects.all();
    List<Optional<String>> refusals = new ArrayList<>();
    for (Malformed malformed : catalogue) {
      refusals.add(create(client, namespace, malformed));
    }
    Polling.until(WAIT, () -> {
      for (int i = 0; i < catalogue.size(); i++) {
        if (refusals.get(i).isEmpty() && explanation(client, namespace, catalogue.get(i).outcome()).isEmpty()) {
          return false;
        }
      }
      return true;
    });
    int refused = 0;
    int explained = 0;
    for (int i = 0; i < catalogue.size(); i++) {
      Malformed malformed = catalogue.get(i);
      Optional<String> refusal = refusals.get(i);
      Optional<String> explanation = refusal.isPresent() ? Optional.empty()
          : explanation(client, namespace, malformed.outcome());
      step.report().put(String.format("object_%02d %s", i + 1, malformed.what()),
          refusal.map(message -> "refused: " + message)
              .or(() -> explanation.map(text -> "stored, explained: " + text))
              .orElse("stored, NOT explained"));
      if (malformed.outcome() instanceof Refused expected) {
        softly.assertThat(refusal).as("%s: refused by the API server", malformed.what()).isPresent();
        refusal.ifPresent(message -> softly.assertThat(message).as(malformed.what()).contains(expected.says()));
        refused += refusal.isPresent() ? 1 : 0;
      } else {
        softly.assertThat(refusal).as("%s: stored", malformed.what()).isEmpty();
        softly.assertThat(explanation).as("%s: explained in status as %s", malformed.what(), malformed.outcome())
            .isPresent();
        explained += explanation.isPresent() ? 1 : 0;
      }
    }
    step.report().put("malformed_objects", catalogue.size()).put("refused_with_message", refused)
        .put("stored_and_explained", explained)
        .put("informer_problems_after_catalogue", step.operator().readLog().informerProblems());
    softly.assertThat(catalogue).as("malformed objects tried").hasSizeGreaterThanOrEqualTo(AT_LEAST);

    step.createGoodEvent("good-after-catalogue");
    Optional<Duration> goodRan = Polling.untilWhileRunning(step.operator(), WAIT,
        () -> step.phaseOf("good-after-catalogue-1") == JobRunPhase.Succeeded);
    step.report().put("good_event_after_catalogue_succeeded_after_ms", millis(goodRan));
    softly.assertThat(goodRan).as("a good Event created after the malformed objects runs").isPresent();
  }

  /**
   * With the CRD a release ahead: an Event of the unknown type gets SpecValid=False and its run
   * waits, one that only sets the unknown field runs, and so does a good Event.
   */
  private static void readEventsOfANewerCrd(Step step) {
    KubernetesClient client = step.client();
    String namespace = step.namespace();
    SoftAssertions softly = step.softly();
    client.resource(generic(MalformedObjects.event("skew-type", "type: Ruby\nscript: puts 1\npriority: 5")))
        .inNamespace(namespace).create();
    client.resource(generic(MalformedObjects.event("skew-field", "type: Bash\nscript: 'true'\npriority: 5")))
        .inNamespace(namespace).create();
    client.resource(TestRuns.newRun(namespace, "skew-type-1", "skew-type")).create();
    client.resource(TestRuns.newRun(namespace, "skew-field-1", "skew-field")).create();
    step.createGoodEvent("good-after-skew");
    EventCondition specInvalid =
        new EventCondition("skew-type", EventConditions.SPEC_VALID, EventReasons.INVALID_SPEC);
    RunReason runWaits = new RunReason("skew-type-1", JobRunReasons.EVENT_INVALID);
    Polling.untilWhileRunning(step.operator(), WAIT, () -> explanation(client, namespace, specInvalid).isPresent()
        && explanation(client, namespace, runWaits).isPresent()
        && step.phaseOf("skew-field-1") == JobRunPhase.Succeeded
        && step.phaseOf("good-after-skew-1") == JobRunPhase.Succeeded);

    Optional<String> eventExplained = explanation(client, namespace, specInvalid);
    Optional<String> runExplained = explanation(client, namespace, runWaits);
    step.report().put("skew_unknown_type", eventExplained.map(text -> "explained: " + text)
            .orElse("NOT explained: status " + statusOf(client, namespace, "Event", "skew-type")))
        .put("skew_unknown_type_run", runExplained.map(text -> "explained: " + text)
            .orElse("NOT explained: status " + statusOf(client, namespace, "JobRun", "skew-type-1")))
        .put("skew_unknown_field_run", String.valueOf(step.phaseOf("skew-field-1")))
        .put("good_event_after_skew_run", String.valueOf(step.phaseOf("good-after-skew-1")));
    softly.assertThat(eventExplained)
        .as("an Event of a type the operator does not know gets SpecValid=False naming the field")
        .hasValueSatisfying(text -> softly.assertThat(text).contains("type"));
    softly.assertThat(runExplained).as("a run of that Event waits, saying why").isPresent();
    softly.assertThat(step.phaseOf("skew-field-1"))
        .as("a run of an Event with a field the operator does not know").isEqualTo(JobRunPhase.Succeeded);
    softly.assertThat(step.phaseOf("good-after-skew-1"))
        .as("a run of a good Event created after the skewed ones").isEqualTo(JobRunPhase.Succeeded);
  }

  /** A restart lists everything at once: no stored object may keep the operator from starting. */
  private static void restartWithEverythingStored(Step step) {
    OperatorProcess operator = step.operator();
    operator.kill();
    operator.start();
    Optional<Duration> ready = Polling.untilWhileRunning(operator, WAIT, operator::ready);
    step.createGoodEvent("good-after-restart");
    Optional<Duration> goodRan = Polling.untilWhileRunning(operator, WAIT,
        () -> step.phaseOf("good-after-restart-1") == JobRunPhase.Succeeded);
    step.report().put("restart_with_all_objects_ready_after_ms", millis(ready))
        .put("good_event_after_restart_succeeded_after_ms", millis(goodRan));
    step.softly().assertThat(ready).as("ready after a restart with every object stored (exits: %s)",
        operator.unexpectedExits()).isPresent();
    step.softly().assertThat(goodRan).as("a good Event created after that restart runs").isPresent();
  }

  /**
   * Creates the case's documents in order; the last is the malformed one.
   *
   * @return the API server's refusal of it (code and message), or empty when it was stored
   */
  private static Optional<String> create(KubernetesClient client, String namespace, Malformed malformed) {
    List<String> documents = malformed.documents();
    for (int i = 0; i < documents.size(); i++) {
      Resource<GenericKubernetesResource> resource = client.resource(generic(documents.get(i))).inNamespace(namespace);
      boolean last = i == documents.size() - 1;
      try {
        if (last && malformed.outcome() instanceof Refused refused && refused.strictFields()) {
          resource.fieldValidation(FieldValidateable.Validation.STRICT).create();
        } else {
          resource.create();
        }
      } catch (KubernetesClientException e) {
        if (!last) {
          throw new IllegalStateException(malformed.what() + ": a prerequisite was refused", e);
        }
        return Optional.of(e.getCode() + " " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** How the object's status explains it, if it matches {@code outcome}. */
  private static Optional<String> explanation(KubernetesClient client, String namespace, Outcome outcome) {
    if (outcome instanceof EventCondition expected) {
      for (JsonNode condition : statusOf(client, namespace, "Event", expected.name()).path("conditions")) {
        String type = condition.path("type").asText();
        String reason = condition.path("reason").asText();
        if ("False".equals(condition.path("status").asText())
            && (expected.type() == null || expected.type().equals(type))
            && (expected.reason() == null ? !reason.isBlank() : expected.reason().equals(reason))
            && !condition.path("message").asText().isBlank()) {
          return Optional.of(type + "=False " + reason + ": " + condition.path("message").asText());
        }
      }
      return Optional.empty();
    }
    if (outcome instanceof RunReason expected) {
      JsonNode status = statusOf(client, namespace, "JobRun", expected.name());
      String reason = status.path("reason").asText();
      boolean matches = expected.reason() == null ? !reason.isBlank() : expected.reason().equals(reason);
      return matches && !status.path("message").asText().isBlank()
          ? Optional.of(status.path("phase").asText() + " " + reason + ": " + status.path("message").asText())
          : Optional.empty();
    }
    return Optional.empty();
  }

  /** The object's status as stored, read without the operator's model (which may not read it). */
  private static JsonNode statusOf(KubernetesClient client, String namespace, String kind, String name) {
    GenericKubernetesResource resource = client.genericKubernetesResources("cronium.io/v1alpha1", kind)
        .inNamespace(namespace).withName(name).get();
    if (resource == null) {
      return JSON.missingNode();
    }
    return JSON.valueToTree(resource.getAdditionalProperties()).path("status");
  }

  private static JobRunPhase runPhase(KubernetesClient client, String namespace, String name) {
    JobRun run = client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
    return run == null ? null : run.phase();
  }

  /**
   * The committed Event CRD as a newer release would ship it: one more {@code type} value and one
   * more field, written to a folder of its own for {@code LocalCluster.applyCrds}.
   */
  private static Path skewedEventCrd() throws IOException {
    ObjectNode crd = (ObjectNode) YAML.readTree(EVENT_CRD.toFile());
    ObjectNode spec = (ObjectNode) crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
    ((ArrayNode) spec.at("/type/enum")).add("Ruby");
    spec.putObject("priority").put("type", "integer").put("description", "Added by a newer release.");
    Path folder = Files.createTempDirectory("skewed-crd");
    folder.toFile().deleteOnExit();
    Path file = folder.resolve("events.cronium.io-v1.yml");
    YAML.writeValue(file.toFile(), crd);
    file.toFile().deleteOnExit();
    return folder;
  }

  private static GenericKubernetesResource generic(String yaml) {
    try {
      return Serialization.unmarshal(YAML.readTree(yaml).toString(), GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String millis(Optional<Duration> duration) {
    return duration.map(d -> String.valueOf(d.toMillis())).orElse("never (within " + WAIT.toSeconds() + " s)");
  }
}
