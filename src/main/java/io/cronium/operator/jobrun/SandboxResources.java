package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.RunResources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;

/**
 * The resources of a job Pod: the Event's request, or the defaults, never above the operator's
 * maxima. Requests equal limits so a run gets exactly what it asked for (Guaranteed QoS).
 */
public final class SandboxResources {

  static final Quantity DEFAULT_CPU = new Quantity("500m");
  static final Quantity DEFAULT_MEMORY = new Quantity("512Mi");

  private final Quantity maxCpu;
  private final Quantity maxMemory;

  public SandboxResources(String maxCpu, String maxMemory) {
    this.maxCpu = new Quantity(maxCpu);
    this.maxMemory = new Quantity(maxMemory);
  }

  /** @param requested the Event's {@code resources}; null for the defaults */
  public ResourceRequirements forRun(RunResources requested) {
    Quantity cpu = clamp(requested == null ? null : requested.getCpu(), DEFAULT_CPU, maxCpu);
    Quantity memory = clamp(requested == null ? null : requested.getMemory(), DEFAULT_MEMORY, maxMemory);
    Map<String, Quantity> amounts = Map.of("cpu", cpu, "memory", memory);
    return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(amounts).build();
  }

  private static Quantity clamp(String requested, Quantity fallback, Quantity max) {
    Quantity wanted = requested == null ? fallback : new Quantity(requested);
    return wanted.getNumericalAmount().compareTo(max.getNumericalAmount()) > 0 ? max : wanted;
  }
}
