package io.cronium.operator.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventReasons;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Version skew, as in a rollout that upgrades the CRDs before the operator: the Events CRD knows
 * one more type and one more field than this operator. An Event using them is explained in its
 * status, and no informer stops, so every other Event keeps running.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class VersionSkewTest {

  private static final String NAMESPACE = "version-skew";
  private static final Path EVENTS_CRD = Path.of("crds/events.cronium.io-v1.yml");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @InjectLocalCluster LocalCluster cluster;

  @AfterEach
  void restoreTheCrd() throws IOException {
    KubernetesClient client = cluster.client();
    client.genericKubernetesResources("cronium.io/v1alpha1", "Event").inNamespace(NAMESPACE).withName("ruby").delete();
    client.resource(crd(readCrd())).update();
  }

  @Test
  void anEventFromANewerCrdIsExplainedAndEveryOtherEventKeepsRunning() throws IOException {
    KubernetesClient client = cluster.client();
    cluster.createNamespace(NAMESPACE);
    client.resource(crd(newerCrd())).update();
    // The API server takes the new schema a moment after the update.
    GenericKubernetesResource ruby = Serialization.unmarshal(
        "{\"apiVersion\":\"cronium.io/v1alpha1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"ruby\","
            + "\"namespace\":\"" + NAMESPACE + "\"},\"spec\":{\"type\":\"Ruby\",\"script\":\"puts 1\","
            + "\"priority\":5,\"schedule\":{\"cron\":\"* * * * *\"}}}",
        GenericKubernetesResource.class);
    await().atMost(WAIT).ignoreExceptions().until(() -> client.resource(ruby).create() != null);
    client.resource(TestRuns.newRun(NAMESPACE, "ruby-run", "ruby")).create();

    Event good = TestRuns.bashEvent("good", "echo fine");
    good.getMetadata().setNamespace(NAMESPACE);
    client.resource(good).create();
    client.resource(TestRuns.newRun(NAMESPACE, "good-run", "good")).create();

    await().atMost(WAIT).until(() -> client.pods().inNamespace(NAMESPACE).withName("good-run").get() != null);
    // Read generically: the test's own client does not read unknown enum values as null.
    JsonNode specValid = await().atMost(WAIT).until(() -> specValid(client), condition -> condition != null);
    assertThat(specValid.path("status").asText()).isEqualTo("False");
    assertThat(specValid.path("reason").asText()).isEqualTo(EventReasons.INVALID_SPEC);
    assertThat(specValid.path("message").asText()).contains("spec.type").contains("Bash");
    JobRun waiting = await().atMost(WAIT).until(
        () -> client.resources(JobRun.class).inNamespace(NAMESPACE).withName("ruby-run").get(),
        run -> run.getStatus() != null && JobRunReasons.EVENT_INVALID.equals(run.getStatus().getReason()));
    assertThat(waiting.getStatus().getMessage()).contains("cannot be run by this operator");
    assertThat(client.pods().inNamespace(NAMESPACE).withName("ruby-run").get()).isNull();
  }

  private static JsonNode specValid(KubernetesClient client) throws IOException {
    GenericKubernetesResource event =
        client.genericKubernetesResources("cronium.io/v1alpha1", "Event").inNamespace(NAMESPACE).withName("ruby").get();
    for (JsonNode condition : new ObjectMapper().readTree(Serialization.asJson(event)).path("status").path("conditions")) {
      if (EventConditions.SPEC_VALID.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return null;
  }

  private static JsonNode readCrd() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(EVENTS_CRD.toFile());
  }

  /** The committed CRD with the type Ruby and the field spec.priority added. */
  private static JsonNode newerCrd() throws IOException {
    JsonNode crd = readCrd();
    ObjectNode spec = (ObjectNode) crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    ((ArrayNode) spec.at("/properties/type/enum")).add("Ruby");
    ((ObjectNode) spec.get("properties")).putObject("priority").put("type", "integer");
    return crd;
  }

  private CustomResourceDefinition crd(JsonNode document) {
    CustomResourceDefinition crd = Serialization.unmarshal(document.toString(), CustomResourceDefinition.class);
    CustomResourceDefinition current =
        cluster.client().resource(crd).get();
    crd.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
    return crd;
  }
}
