package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.cronium.operator.variables.VariableStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Container tier: in each language, one Event's run uses every helper (input, output, set and
 * read back a variable, condition, event context) and a later run of another Event in the same
 * namespace reads the variable, through the real runtime-api image and the operator's store.
 * Increments and appends add up over many runs, and a deletion reaches the next run.
 */
@Tag("container")
@QuarkusTest
@QuarkusTestResource(
    value = LocalClusterResource.class,
    initArgs = @ResourceArg(name = LocalClusterResource.PODMAN_NODE, value = "true"),
    restrictToAnnotatedClass = true)
class HelperRunsContainerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @InjectLocalCluster LocalCluster cluster;

  enum Language {
    BASH(
        EventType.Bash,
        """
        cronium_set_variable greeting_bash '{"hello": "bash"}'
        own=$(cronium_get_variable greeting_bash)
        cronium_set_condition true
        cronium_output "{\\"got\\": $(cronium_input), \\"own\\": $own, \\"event\\": $(cronium_event)}"
        """,
        """
        read=$(cronium_get_variable greeting_bash)
        cronium_set_condition false
        cronium_output "{\\"read\\": $read}"
        """),
    PYTHON(
        EventType.Python,
        """
        cronium.set_variable('greeting_python', {'hello': 'python'})
        own = cronium.get_variable('greeting_python')
        cronium.set_condition(True)
        cronium.output({'got': cronium.input(), 'own': own, 'event': cronium.event()})
        """,
        """
        read = cronium.get_variable('greeting_python')
        cronium.set_condition(False)
        cronium.output({'read': read})
        """),
    NODE(
        EventType.NodeJS,
        """
        (async () => {
          await cronium.setVariable('greeting_node', {hello: 'node'});
          const own = await cronium.getVariable('greeting_node');
          await cronium.setCondition(true);
          await cronium.output({got: await cronium.input(), own, event: await cronium.event()});
        })();
        """,
        """
        (async () => {
          const read = await cronium.getVariable('greeting_node');
          await cronium.setCondition(false);
          await cronium.output({read});
        })();
        """);

    final EventType type;
    final String writer;
    final String reader;

    Language(EventType type, String writer, String reader) {
      this.type = type;
      this.writer = writer;
      this.reader = reader;
    }

    String word() {
      return name().toLowerCase();
    }
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void everyHelperWorksAndAVariableReachesAnotherEventsLaterRun(Language language) {
    KubernetesClient client = cluster.client();
    String namespace = "helpers-" + language.word();
    cluster.createNamespace(namespace);
    Event writer = event(namespace, "writer", language.type, language.writer);
    writer.getSpec().setInput(Serialization.jsonMapper().valueToTree(Map.of("name", "Ada")));

    JobRun written = TestRuns.runToEnd(client, writer, WAIT);

    assertThat(written.phase()).as("log: %s", written.getStatus().getLogTail()).isEqualTo(JobRunPhase.Succeeded);
    JsonNode output = written.getStatus().getOutput();
    assertThat(output.at("/got/name").asText()).isEqualTo("Ada");
    assertThat(output.at("/own/hello").asText()).as("a run sees its own write at once").isEqualTo(language.word());
    assertThat(output.at("/event/name").asText()).isEqualTo("writer");
    assertThat(output.at("/event/runName").asText()).isEqualTo("writer-run");
    assertThat(written.getStatus().getCondition()).isTrue();

    JobRun read = TestRuns.runToEnd(client, event(namespace, "reader", language.type, language.reader), WAIT);

    assertThat(read.phase()).as("log: %s", read.getStatus().getLogTail()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(read.getStatus().getOutput().at("/read/hello").asText()).isEqualTo(language.word());
    assertThat(read.getStatus().getCondition()).isFalse();
  }

  @Test
  void incrementAndAppendAddUpOverTwentyRunsInARowAndADeletionReachesTheNextRun() throws Exception {
    KubernetesClient client = cluster.client();
    String namespace = "helpers-twenty-runs";
    cluster.createNamespace(namespace);
    client.resource(event(namespace, "tally", EventType.Bash, """
        count=$(cronium_increment_variable runs)
        cronium_append_variable run_names "\\"$(cronium_event_field runName)\\""
        cronium_output "{\\"runs\\": $count}"
        """)).create();

    for (int i = 1; i <= 20; i++) {
      JobRun run = TestRuns.runToEnd(client, namespace, "tally-" + i, "tally", WAIT);
      assertThat(run.phase()).as("run %d, log: %s", i, run.getStatus().getLogTail()).isEqualTo(JobRunPhase.Succeeded);
      assertThat(run.getStatus().getOutput().get("runs").intValue()).as("run %d", i).isEqualTo(i);
    }

    Map<String, String> stored = store(client, namespace);
    assertThat(stored).containsEntry("runs", "20");
    assertThat(Serialization.jsonMapper().readTree(stored.get("run_names")))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> "tally-" + i).toList());

    JobRun deleted = TestRuns.runToEnd(client, event(namespace, "reset", EventType.Bash, "cronium_delete_variable runs"), WAIT);
    assertThat(deleted.phase()).as("log: %s", deleted.getStatus().getLogTail()).isEqualTo(JobRunPhase.Succeeded);
    assertThat(store(client, namespace)).doesNotContainKey("runs").containsKey("run_names");
    JobRun checked = TestRuns.runToEnd(client, event(namespace, "check", EventType.Bash, """
        if cronium_variable_exists runs; then cronium_output '"still there"'; else cronium_output '"gone"'; fi
        """), WAIT);
    assertThat(checked.getStatus().getOutput().get("value").asText()).isEqualTo("gone");
  }

  private static Map<String, String> store(KubernetesClient client, String namespace) {
    return client.configMaps().inNamespace(namespace).withName(VariableStore.CONFIG_MAP_NAME).get().getData();
  }

  private static Event event(String namespace, String name, EventType type, String script) {
    Event event = TestRuns.bashEvent(name, script);
    event.getMetadata().setNamespace(namespace);
    event.getSpec().setType(type);
    return event;
  }
}
