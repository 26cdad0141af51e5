package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How a failed run of an Event is tried again. */
public class RetrySpec {

  @Default("0")
  @Min(0)
  @Max(10)
  @JsonPropertyDescription(
      "Further attempts after a failed or timed-out one (0-10), each a new Pod after 5 s·2ⁿ"
          + " (at most 5 min). Cancelled runs are never retried.")
  private Integer limit = 0;

  public Integer getLimit() {
    return limit;
  }

  public void setLimit(Integer limit) {
    this.limit = limit;
  }
}
