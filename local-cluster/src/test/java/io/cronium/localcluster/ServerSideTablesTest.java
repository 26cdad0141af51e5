package io.cronium.localcluster;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSideTablesTest {

  @ParameterizedTest(name = "{0} s → {1}")
  @CsvSource({
      "0, 0s", "119, 119s", "120, 2m", "190, 3m10s", "600, 10m", "10799, 179m", "10800, 3h", "12600, 3h30m",
      "28800, 8h", "172800, 2d", "183600, 2d3h", "691200, 8d", "63072000, 2y", "63158400, 2y1d"})
  void agesReadAsKubectlPrintsThem(long seconds, String expected) {
    assertThat(ServerSideTables.humanDuration(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }
}
