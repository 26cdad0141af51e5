package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The Pod → {@code podman kube play} conversion, without podman. */
class PlayManifestTest {

  static final Pod API_POD = new PodBuilder()
      .withNewMetadata().withName("hello-world-28912345").withNamespace("jobs").withUid("1234")
      .withResourceVersion("42").withLabels(Map.of("cronium.io/event", "hello-world"))
      .addNewOwnerReference().withApiVersion("cronium.io/v1alpha1").withKind("JobRun").withName("run")
      .withUid("99").endOwnerReference()
      .addNewManagedField().withManager("operator").endManagedField()
      .withFinalizers("cronium.io/result")
      .endMetadata()
      .withNewSpec()
      .withRestartPolicy("Never")
      .withAutomountServiceAccountToken(false)
      .withActiveDeadlineSeconds(600L)
      .addNewContainer()
      .withName("runtime").withImage("cronium/runtime-api:0.1.0").withImagePullPolicy("IfNotPresent")
      .addNewEnv().withName("CRONIUM_RUN_SPEC").withValue("{}").endEnv()
      .addNewEnv().withName("SECRET").withNewValueFrom().withNewSecretKeyRef().withName("s").withKey("k")
      .endSecretKeyRef().endValueFrom().endEnv()
      .addNewPort().withContainerPort(8080).endPort()
      .withNewLivenessProbe().withNewExec().withCommand("true").endExec().endLivenessProbe()
      .withNewSecurityContext().withRunAsUser(1000L).withReadOnlyRootFilesystem(true)
      .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
      .withNewResources().addToLimits("memory", new Quantity("512Mi")).endResources()
      .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
      .endContainer()
      .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
      .endSpec()
      .withNewStatus().withPhase("Pending").endStatus()
      .build();

  @Test
  void keepsWhatPodmanHonoursAndDropsServerFields() {
    PodPreparer.PreparedPod prepared = new PodPreparer.PreparedPod("jobs_hello-world-28912345_abc",
        Map.of("runtime", List.of(new EnvVar("CRONIUM_RUN_SPEC", "{}", null), new EnvVar("SECRET", "v", null))),
        Map.of("tmp", new HostPathVolumeSource("/state/tmp", "Directory")),
        Map.of("runtime", Path.of("/state/termination/runtime")));

    Pod play = Serialization.unmarshal(PlayManifest.render(API_POD, prepared, "node1"), Pod.class);

    assertThat(play.getStatus()).isNull();
    assertThat(play.getMetadata().getName()).isEqualTo("jobs_hello-world-28912345_abc");
    assertThat(play.getMetadata().getUid()).isNull();
    assertThat(play.getMetadata().getResourceVersion()).isNull();
    assertThat(play.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(play.getMetadata().getManagedFields()).isEmpty();
    assertThat(play.getMetadata().getFinalizers()).isEmpty();
    assertThat(play.getMetadata().getLabels()).containsEntry("cronium.io/event", "hello-world")
        .containsEntry(PlayManifest.NODE_LABEL, "node1");
    assertThat(play.getSpec().getHostNetwork()).isTrue();
    assertThat(play.getSpec().getHostname()).isEqualTo("hello-world-28912345");
    assertThat(play.getSpec().getRestartPolicy()).isEqualTo("Never");

    Container container = play.getSpec().getContainers().get(0);
    assertThat(container.getImagePullPolicy()).isEqualTo("Never");
    assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(tuple("CRONIUM_RUN_SPEC", "{}"),
            tuple("SECRET", "v"));
    assertThat(container.getPorts()).isEmpty();
    assertThat(container.getLivenessProbe()).isNull();
    assertThat(container.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(container.getVolumeMounts()).extracting("name", "mountPath")
        .contains(tuple("termination-runtime", "/dev/termination-log"));
    assertThat(play.getSpec().getVolumes()).anySatisfy(volume -> {
      assertThat(volume.getName()).isEqualTo("termination-runtime");
      assertThat(volume.getHostPath().getPath()).isEqualTo("/state/termination/runtime");
      assertThat(volume.getHostPath().getType()).isEqualTo("File");
    });
    assertThat(play.getSpec().getVolumes()).anySatisfy(volume -> {
      assertThat(volume.getName()).isEqualTo("tmp");
      assertThat(volume.getHostPath().getPath()).isEqualTo("/state/tmp");
    });
  }
}
