package io.cronium.operator.jobrun;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/** Reads the state of a job Pod's runtime container. */
public final class RunContainer {

  private RunContainer() {}

  public static Optional<ContainerStatus> status(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(status -> JobPodBuilder.CONTAINER_NAME.equals(status.getName()))
        .findFirst();
  }

  public static boolean running(Pod pod) {
    return status(pod).map(ContainerStatus::getState).map(ContainerState::getRunning).isPresent();
  }

  public static Optional<ContainerStateTerminated> terminated(Pod pod) {
    return status(pod).map(ContainerStatus::getState).map(ContainerState::getTerminated);
  }
}
