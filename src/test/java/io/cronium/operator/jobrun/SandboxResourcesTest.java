package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.RunResources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import org.junit.jupiter.api.Test;

class SandboxResourcesTest {

  private final SandboxResources sandbox = new SandboxResources("2", "2Gi");

  @Test
  void withoutARequestARunGetsHalfACpuAnd512Mi() {
    assertAmounts(sandbox.forRun(null), "500m", "512Mi");
    assertAmounts(sandbox.forRun(new RunResources(null, "1Gi")), "500m", "1Gi");
  }

  @Test
  void requestsWithinTheMaximaAreKept() {
    assertAmounts(sandbox.forRun(new RunResources("1500m", "2Gi")), "1500m", "2Gi");
  }

  @Test
  void requestsAboveTheMaximaAreLoweredToThem() {
    assertAmounts(sandbox.forRun(new RunResources("8", "3000Mi")), "2", "2Gi");
    assertAmounts(new SandboxResources("250m", "128Mi").forRun(null), "250m", "128Mi");
  }

  private static void assertAmounts(ResourceRequirements resources, String cpu, String memory) {
    assertThat(resources.getRequests())
        .containsEntry("cpu", new Quantity(cpu))
        .containsEntry("memory", new Quantity(memory));
    assertThat(resources.getLimits()).isEqualTo(resources.getRequests());
  }
}
