package io.cronium.operator.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.localcluster.LocalCluster;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.operator.testing.InjectLocalCluster;
import io.cronium.operator.testing.LocalClusterResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API tier: variables a run reports land in the namespace's ConfigMap, which later runs mount. */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class VariablesTest {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @InjectLocalCluster LocalCluster cluster;

  private KubernetesClient client;
  private String namespace;

  @BeforeEach
  void freshNamespace() {
    client = cluster.client();
    namespace = "variables-" + NAMESPACES.incrementAndGet();
    cluster.createNamespace(namespace);
  }

  @Test
  void aVariableSetInARunOfOneEventReachesALaterRunOfAnother() {
    createEvent("producer");
    createEvent("consumer");

    finishRun("producer-run-1", "producer",
        "{\"exitCode\":0,\"variables\":{\"counter\":41,\"last.seen\":{\"by\":\"producer\"}}}");
    awaitPhase("producer-run-1", JobRunPhase.Succeeded);
    assertThat(store().getData())
        .containsEntry("counter", "41")
        .containsEntry("last.seen", "{\"by\":\"producer\"}");

    Pod consumer = finishRun("consumer-run-1", "consumer",
        "{\"exitCode\":0,\"variables\":{\"counter\":42}}");
    assertThat(consumer.getSpec().getVolumes())
        .filteredOn(volume -> volume.getConfigMap() != null)
        .singleElement()
        .satisfies(volume -> assertThat(volume.getConfigMap().getName()).isEqualTo(VariableStore.CONFIG_MAP_NAME));
    assertThat(consumer.getSpec().getContainers().get(0).getVolumeMounts())
        .anySatisfy(mount -> {
          assertThat(mount.getMountPath()).isEqualTo(VariableStore.MOUNT_PATH);
          assertThat(mount.getReadOnly()).isTrue();
        });
    awaitPhase("consumer-run-1", JobRunPhase.Succeeded);
    assertThat(store().getData())
        .containsEntry("counter", "42")
        .containsEntry("last.seen", "{\"by\":\"producer\"}");
  }

  @Test
  void aVariableDeletedByARunIsGoneFromTheStoreAndFromLaterRuns() {
    createEvent("producer");
    createEvent("cleaner");
    finishRun("producer-run-1", "producer", "{\"exitCode\":0,\"variables\":{\"stale\":1,\"kept\":2}}");
    awaitPhase("producer-run-1", JobRunPhase.Succeeded);

    finishRun("cleaner-run-1", "cleaner", "{\"exitCode\":0,\"deletedVariables\":[\"stale\",\"never.set\"]}");

    awaitPhase("cleaner-run-1", JobRunPhase.Succeeded);
    assertThat(store().getData()).isEqualTo(Map.of("kept", "2"));
  }

  @Test
  void deletionsWithoutAStoreCreateNone() {
    createEvent("cleaner");

    finishRun("cleaner-run-1", "cleaner", "{\"exitCode\":0,\"deletedVariables\":[\"stale\"]}");

    awaitPhase("cleaner-run-1", JobRunPhase.Succeeded);
    assertThat(store()).isNull();
  }

  @Test
  void concurrentSavesOfDifferentKeysLoseNothing() {
    VariableStore store = new VariableStore(client);

    CompletableFuture.allOf(IntStream.range(0, 8)
            .mapToObj(i -> CompletableFuture.runAsync(() -> store.save(namespace,
                new VariableChanges(Map.of("key-" + i, Integer.toString(i)), Set.of()))))
            .toArray(CompletableFuture[]::new))
        .join();

    assertThat(store().getData()).hasSize(8).containsEntry("key-0", "0").containsEntry("key-7", "7");
  }

  @Test
  void variablesThatCannotBeSavedFailTheRun() {
    createEvent("unsavable");

    // runtime-api refuses such a key; a result that still carries one must not reach the store.
    finishRun("unsavable-run-1", "unsavable", "{\"exitCode\":0,\"variables\":{\"a/b\":1}}");

    JobRun failed = awaitPhase("unsavable-run-1", JobRunPhase.Failed);
    assertThat(failed.getStatus().getReason()).isEqualTo(JobRunReasons.VARIABLES_NOT_SAVED);
    assertThat(failed.getStatus().getMessage()).contains("a/b");
    assertThat(store()).isNull();
  }

  private void createEvent(String name) {
    Event event = TestRuns.bashEvent(name, "true");
    event.getMetadata().setNamespace(namespace);
    client.resource(event).create();
  }

  private Pod finishRun(String name, String eventName, String result) {
    client.resource(TestRuns.newRun(namespace, name, eventName)).create();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(namespace).withName(name).get(), p -> p != null);
    return TestRuns.writePodStatus(client, namespace, name, TestRuns.terminated(0, result));
  }

  private JobRun awaitPhase(String name, JobRunPhase phase) {
    return await().atMost(WAIT).until(
        () -> client.resources(JobRun.class).inNamespace(namespace).withName(name).get(),
        run -> run != null && run.phase() == phase);
  }

  private ConfigMap store() {
    return client.configMaps().inNamespace(namespace).withName(VariableStore.CONFIG_MAP_NAME).get();
  }
}
