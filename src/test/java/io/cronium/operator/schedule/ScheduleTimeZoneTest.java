package io.cronium.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTimeZoneTest {

  @Test
  void absentMeansUtc() {
    assertThat(ScheduleTimeZone.parse(null)).isEqualTo(ZoneOffset.UTC);
    assertThat(ScheduleTimeZone.parse(" ")).isEqualTo(ZoneOffset.UTC);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Europe/Berlin", "America/New_York", "UTC", "Etc/GMT+5", "Asia/Kathmandu"})
  void acceptsIanaNames(String name) {
    assertThat(ScheduleTimeZone.parse(name)).isEqualTo(ZoneId.of(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+02:00", "Z", "UTC+2", "GMT-05:00"})
  void rejectsFixedOffsets(String name) {
    assertThatThrownBy(() -> ScheduleTimeZone.parse(name))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("timeZone \"" + name + "\": fixed offsets are not accepted")
        .hasMessageContaining("such as Europe/Berlin");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Local", "Mars/Olympus_Mons", "europe/berlin"})
  void rejectsUnknownNames(String name) {
    assertThatThrownBy(() -> ScheduleTimeZone.parse(name))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("it is not a known IANA time zone name");
  }
}
