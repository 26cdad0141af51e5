package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A java-operator-sdk operator with its defaults (server-side apply for status and finalizer,
 * JSON patch to remove the finalizer) and leader election, against the local cluster.
 */
class JosdkDefaultsTest {

  static LocalCluster cluster;
  static KubernetesClient client;
  static Operator operator;
  static final Set<String> cleanedUp = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() {
    cluster = LocalCluster.builder().crds(Path.of("src/test/resources/crds")).start();
    client = cluster.client();
    operator = new Operator(o -> o.withKubernetesClient(cluster.newClient())
        .withCloseClientOnStop(true)
        .withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration("widgets")
            .withLeaseNamespace("default").buildForTest(false)));
    operator.register(new WidgetReconciler());
    operator.start();
  }

  @AfterAll
  static void stop() {
    operator.stop();
    cluster.close();
  }

  @Test
  void reconcilesWritesStatusAddsAndRemovesItsFinalizer() {
    Widget widget = new Widget();
    widget.getMetadata().setName("managed");
    widget.setSpec(Map.of("size", 1));
    client.resource(widget).create();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Widget current = client.resources(Widget.class).withName("managed").get();
      assertThat(current.getMetadata().getFinalizers()).containsExactly("widgets.test.localcluster.io/finalizer");
      assertThat(current.getStatus()).containsEntry("observedGeneration", 1);
    });

    client.resources(Widget.class).withName("managed").edit(w -> {
      w.setSpec(Map.of("size", 2));
      return w;
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        client.resources(Widget.class).withName("managed").get().getStatus()).containsEntry("observedGeneration", 2));

    client.resources(Widget.class).withName("managed").delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(cleanedUp).contains("managed");
      assertThat(client.resources(Widget.class).withName("managed").get()).isNull();
    });
    assertThat(client.leases().withName("widgets").get().getSpec().getHolderIdentity()).isNotBlank();
  }

  @Group("test.localcluster.io")
  @Version("v1")
  public static class Widget extends CustomResource<Map<String, Object>, Map<String, Object>> implements Namespaced {
  }

  @ControllerConfiguration
  static class WidgetReconciler implements Reconciler<Widget>, Cleaner<Widget> {

    @Override
    public UpdateControl<Widget> reconcile(Widget widget, Context<Widget> context) {
      Widget status = new Widget();
      status.setMetadata(widget.getMetadata());
      status.setStatus(Map.of("observedGeneration", widget.getMetadata().getGeneration()));
      return UpdateControl.patchStatus(status);
    }

    @Override
    public DeleteControl cleanup(Widget widget, Context<Widget> context) {
      cleanedUp.add(widget.getMetadata().getName());
      return DeleteControl.defaultDelete();
    }
  }
}
