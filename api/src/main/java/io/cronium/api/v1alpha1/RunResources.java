package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** CPU and memory one run of an Event gets (request and limit alike). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunResources {

  /** A Kubernetes quantity without exponent notation, e.g. 500m, 1, 1.5, 256Mi, 2G. */
  static final String QUANTITY = "^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$";

  @Pattern(QUANTITY)
  @JsonPropertyDescription(
      "CPU per run, e.g. 250m or 1 (default 500m); capped at the operator's cronium.sandbox.max-cpu.")
  private String cpu;

  @Pattern(QUANTITY)
  @JsonPropertyDescription(
      "Memory per run, e.g. 256Mi or 1Gi (default 512Mi); capped at the operator's"
          + " cronium.sandbox.max-memory.")
  private String memory;

  public RunResources() {}

  public RunResources(String cpu, String memory) {
    this.cpu = cpu;
    this.memory = memory;
  }

  public String getCpu() {
    return cpu;
  }

  public void setCpu(String cpu) {
    this.cpu = cpu;
  }

  public String getMemory() {
    return memory;
  }

  public void setMemory(String memory) {
    this.memory = memory;
  }
}
