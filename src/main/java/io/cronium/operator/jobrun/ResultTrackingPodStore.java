package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.JobRun;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;

/**
 * The pod-release controller's cache of job Pods, without their containers' env: it decides
 * from metadata and container status only, and the env carries each run's script and input (up
 * to 120 KiB a Pod), already cached once by the JobRun controller. The finalizer is removed
 * with a JSON patch of the finalizers alone, so the pruned copy never travels back.
 */
public class ResultTrackingPodStore extends BasicItemStore<Pod> {

  public ResultTrackingPodStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public Pod put(String key, Pod pod) {
    if (pod.getSpec() != null) {
      for (Container container : pod.getSpec().getContainers()) {
        container.setEnv(List.of());
      }
    }
    return super.put(key, pod);
  }
}
