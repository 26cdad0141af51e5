package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Pod and container statuses as the kubelet writes them, built from what the node knows per container. */
final class PodStatuses {

  static final String HOST_IP = "127.0.0.1";

  private PodStatuses() {
  }

  /** What the node knows about one container; ids are null until the container exists. */
  record ContainerView(ContainerState state, String containerId, String imageId) {

    static ContainerView waiting(String reason, String message) {
      return new ContainerView(new ContainerStateBuilder().withNewWaiting()
          .withReason(reason).withMessage(message).endWaiting().build(), null, null);
    }

    static ContainerView running(Instant startedAt, String containerId, String imageId) {
      return new ContainerView(new ContainerStateBuilder().withNewRunning()
          .withStartedAt(time(startedAt)).endRunning().build(), containerId, imageId);
    }

    static ContainerView terminated(int exitCode, String reason, String message, Instant startedAt,
        Instant finishedAt, String containerId, String imageId) {
      return new ContainerView(new ContainerStateBuilder().withNewTerminated()
          .withExitCode(exitCode).withReason(reason).withMessage(message)
          .withStartedAt(time(startedAt)).withFinishedAt(time(finishedAt))
          .withContainerID(containerId)
          .endTerminated().build(), containerId, imageId);
    }

    boolean isRunning() {
      return state.getRunning() != null;
    }

    /** The reason the container waits, or null when it does not wait. */
    String waitingReason() {
      return state.getWaiting() == null ? null : state.getWaiting().getReason();
    }

    boolean isTerminated() {
      return state.getTerminated() != null;
    }
  }

  /** The full status of {@code pod} whose containers are as {@code views} say (keyed by container name). */
  static PodStatus of(Pod pod, Map<String, ContainerView> views, Instant startTime) {
    List<Container> containers = pod.getSpec().getContainers();
    List<ContainerView> ordered = containers.stream()
        .map(c -> views.getOrDefault(c.getName(), ContainerView.waiting("ContainerCreating", null)))
        .toList();
    String phase = phase(ordered);
    boolean allRunning = ordered.stream().allMatch(ContainerView::isRunning);
    boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
    List<ContainerStatus> containerStatuses = containers.stream()
        .map(c -> containerStatus(c, views.getOrDefault(c.getName(), ContainerView.waiting("ContainerCreating", null))))
        .toList();
    return new PodStatusBuilder()
        .withPhase(phase)
        .withConditions(
            condition("PodScheduled", true, null, startTime),
            condition("Initialized", true, null, startTime),
            condition("ContainersReady", allRunning, terminal ? "PodCompleted" : null, startTime),
            condition("Ready", allRunning, terminal ? "PodCompleted" : null, startTime))
        .withHostIP(HOST_IP)
        .withPodIP(HOST_IP)
        .withPodIPs(new PodIP(HOST_IP))
        .withStartTime(time(startTime))
        .withContainerStatuses(containerStatuses)
        .build();
  }

  /** Pending until every container started; Succeeded or Failed once all ended (restartPolicy Never). */
  private static String phase(List<ContainerView> containers) {
    if (containers.stream().allMatch(ContainerView::isTerminated)) {
      boolean allSucceeded = containers.stream().allMatch(v -> v.state().getTerminated().getExitCode() == 0);
      return allSucceeded ? "Succeeded" : "Failed";
    }
    boolean allStarted = containers.stream().allMatch(v -> v.isRunning() || v.isTerminated());
    return allStarted ? "Running" : "Pending";
  }

  private static ContainerStatus containerStatus(Container container, ContainerView view) {
    return new ContainerStatusBuilder()
        .withName(container.getName())
        .withImage(container.getImage())
        .withImageID(view.imageId() == null ? "" : view.imageId())
        .withContainerID(view.containerId())
        .withReady(view.isRunning())
        .withStarted(view.isRunning())
        .withRestartCount(0)
        .withState(view.state())
        .build();
  }

  private static PodCondition condition(String type, boolean status, String reason, Instant since) {
    return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
        .withReason(reason).withLastTransitionTime(time(since)).build();
  }

  /** Kubernetes API times have second precision. */
  static String time(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
