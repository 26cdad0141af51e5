package io.cronium.operator.cache;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Job Pods without their containers' env: the controllers decide from metadata and container
 * status, and the env carries each run's script and input (up to 120 KiB a Pod). Pods are
 * deleted by name and released with a JSON patch of their finalizers alone, so the pruned copy
 * never travels back. Their metadata stays as parsed, unlike that of the operator's own kinds:
 * with it compacted, the container tier's large-output runs lost their log-carried output
 * (ContainerLargeOutputTest) in every run beside another tier, and the memory is in JobRuns and
 * Events anyway.
 */
public class PodWithoutEnvStore extends PrunedStore<Pod> {

  public PodWithoutEnvStore() {
    super(pod -> {
      if (pod.getSpec() != null) {
        for (Container container : pod.getSpec().getContainers()) {
          container.setEnv(List.of());
        }
      }
    });
  }
}
