package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/**
 * Where the API server finds container logs for {@code GET .../pods/{name}/log}: the kubelet's
 * part of that request. {@link PodmanNode} provides one; tests can plug a fake.
 */
@FunctionalInterface
public interface PodLogSource {

  /** The lines the Pod's container printed so far, oldest first; empty when none are known. */
  List<LogLine> lines(Pod pod, String container);
}
