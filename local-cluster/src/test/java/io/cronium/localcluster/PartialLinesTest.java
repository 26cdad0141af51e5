package io.cronium.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartialLinesTest {

  private static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");

  @Test
  void dropsTheTimestampsPodmanLeavesBetweenTheFragmentsOfOneLine() {
    String podman = "2026-11-29T01:52:01.898742137Z AAAA2026-11-29T01:52:02.101745108Z BB2026-11-29T01:52:02.2Z CC";

    assertThat(PartialLines.join(podman, NOW)).isEqualTo("2026-11-29T01:52:01.898742137Z AAAABBCC");
  }

  @Test
  void keepsTimestampsThatAreTheScriptsOwnText() {
    String earlier = "2026-11-29T01:52:01Z started 2026-11-28T10:00:00Z done";
    String future = "2026-11-29T01:52:01Z due 2027-01-01T00:00:00.5Z soon";

    assertThat(PartialLines.join(earlier, NOW)).isEqualTo(earlier);
    assertThat(PartialLines.join(future, NOW)).isEqualTo(future);
    assertThat(PartialLines.join("podman: not a log line", NOW)).isEqualTo("podman: not a log line");
  }
}
