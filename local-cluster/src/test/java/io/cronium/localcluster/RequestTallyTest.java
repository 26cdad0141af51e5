package io.cronium.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTallyTest {

  @Test
  void namesResourceTypesWithTheirSubresource() {
    assertThat(RequestTally.resourceType("/apis/cronium.io/v1alpha1/namespaces/a/jobruns/x/status"))
        .isEqualTo("jobruns/status");
    assertThat(RequestTally.resourceType("/apis/cronium.io/v1alpha1/namespaces/a/jobruns")).isEqualTo("jobruns");
    assertThat(RequestTally.resourceType("/api/v1/namespaces/a/pods/p/log")).isEqualTo("pods/log");
    assertThat(RequestTally.resourceType("/api/v1/namespaces/a")).isEqualTo("namespaces");
    assertThat(RequestTally.resourceType("/apis/coordination.k8s.io/v1/namespaces/a/leases/l")).isEqualTo("leases");
  }

  @Test
  void countsWritesApartFromReads() {
    RequestTally tally = new RequestTally();
    tally.record("GET", "/api/v1/namespaces/a/pods");
    tally.record("POST", "/api/v1/namespaces/a/pods");
    tally.record("PUT", "/apis/cronium.io/v1alpha1/namespaces/a/events/e/status");

    assertThat(tally.writes()).isEqualTo(2);
    assertThat(tally.snapshot()).containsEntry("POST pods", 1L).containsEntry("GET pods", 1L)
        .containsEntry("PUT events/status", 1L);
  }
}
