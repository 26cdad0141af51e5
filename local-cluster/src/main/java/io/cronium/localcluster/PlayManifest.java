package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an API Pod into the manifest {@code podman kube play} runs. Only what podman and this
 * machine honour is kept: containers with their command, env (already resolved), working dir,
 * resources and security context; volumes become host paths the node prepared. Server-side fields
 * (status, uid, ownerReferences, managedFields, resourceVersion...) are left out by construction.
 */
final class PlayManifest {

  /** Marks the podman pods a node started, for cleanup by hand: {@code podman pod ps --filter label=...}. */
  static final String NODE_LABEL = "io.cronium.localcluster/node";

  private PlayManifest() {
  }

  static String render(Pod pod, PodPreparer.PreparedPod prepared, String nodeId) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (pod.getMetadata().getLabels() != null) {
      labels.putAll(pod.getMetadata().getLabels());
    }
    labels.put(NODE_LABEL, nodeId);
    List<Volume> volumes = new ArrayList<>();
    prepared.hostVolumes().forEach((name, source) -> volumes.add(new VolumeBuilder().withName(name)
        .withHostPath(source).build()));
    List<Container> containers = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      String terminationVolume = "termination-" + container.getName();
      volumes.add(new VolumeBuilder().withName(terminationVolume).withNewHostPath()
          .withPath(prepared.terminationFiles().get(container.getName()).toAbsolutePath().toString())
          .withType("File").endHostPath().build());
      containers.add(container(container, prepared, terminationVolume));
    }
    Pod play = new PodBuilder()
        .withNewMetadata().withName(prepared.podmanName()).withLabels(labels).endMetadata()
        .withNewSpec()
        // podman would derive it from the (long) podman pod name, over the kernel's 64 characters.
        .withHostname(hostname(pod))
        // Pods reach services on 127.0.0.1 (the local API server, demo endpoints) as on the host.
        .withHostNetwork(true)
        // The node reports the first exit as final; it does not restart containers.
        .withRestartPolicy("Never")
        .withSecurityContext(podSecurityContext(pod.getSpec().getSecurityContext()))
        .withContainers(containers)
        .withVolumes(volumes)
        .endSpec()
        .build();
    return Serialization.asYaml(play);
  }

  /** As the kubelet: spec.hostname, else the Pod name cut to 63 characters without a trailing '-' or '.'. */
  private static String hostname(Pod pod) {
    String name = pod.getSpec().getHostname() != null ? pod.getSpec().getHostname() : pod.getMetadata().getName();
    String cut = name.substring(0, Math.min(63, name.length()));
    return cut.replaceAll("[-.]+$", "");
  }

  private static Container container(Container source, PodPreparer.PreparedPod prepared, String terminationVolume) {
    List<VolumeMount> mounts = new ArrayList<>(source.getVolumeMounts());
    String terminationPath = source.getTerminationMessagePath() == null
        ? PodPreparer.DEFAULT_TERMINATION_PATH
        : source.getTerminationMessagePath();
    mounts.add(new VolumeMountBuilder().withName(terminationVolume).withMountPath(terminationPath).build());
    // Ports, probes and lifecycle hooks are dropped: host network, and no readiness model here.
    return new ContainerBuilder()
        .withName(source.getName())
        .withImage(source.getImage())
        // The node never pulls: a missing image was reported before play.
        .withImagePullPolicy("Never")
        .withCommand(source.getCommand())
        .withArgs(source.getArgs())
        .withWorkingDir(source.getWorkingDir())
        .withEnv(prepared.envByContainer().get(source.getName()))
        .withResources(source.getResources())
        .withSecurityContext(securityContext(source.getSecurityContext()))
        .withVolumeMounts(mounts)
        .build();
  }

  private static SecurityContext securityContext(SecurityContext source) {
    if (source == null) {
      return null;
    }
    return new SecurityContextBuilder()
        .withRunAsUser(source.getRunAsUser())
        .withRunAsGroup(source.getRunAsGroup())
        .withRunAsNonRoot(source.getRunAsNonRoot())
        .withReadOnlyRootFilesystem(source.getReadOnlyRootFilesystem())
        .withAllowPrivilegeEscalation(source.getAllowPrivilegeEscalation())
        .withCapabilities(source.getCapabilities())
        .build();
  }

  private static PodSecurityContext podSecurityContext(PodSecurityContext source) {
    if (source == null) {
      return null;
    }
    return new PodSecurityContextBuilder()
        .withRunAsUser(source.getRunAsUser())
        .withRunAsGroup(source.getRunAsGroup())
        .withRunAsNonRoot(source.getRunAsNonRoot())
        .build();
  }
}
