package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LogQueryTest {

  private static LogQuery parse(Map<String, String> parameters) {
    return LogQuery.parse(parameters::get);
  }

  @Test
  void readsEveryParameterOfPodsLog() {
    LogQuery query = parse(Map.of("follow", "true", "sinceTime", "2026-12-03T10:00:00+01:00", "tailLines", "20",
        "limitBytes", "4096", "timestamps", "true", "attempt", "2"));

    assertThat(query).isEqualTo(new LogQuery(true, Optional.of(Instant.parse("2026-12-03T09:00:00Z")),
        OptionalInt.of(20), OptionalLong.of(4096), true, OptionalInt.of(2)));
  }

  @Test
  void withoutParametersItIsTheWholeCurrentLog() {
    assertThat(parse(Map.of())).isEqualTo(LogQuery.whole(false));
    assertThat(parse(Map.of()).attemptOr(3)).isEqualTo(3);
  }

  @Test
  void refusesWhatPodsLogRefuses() {
    assertThatThrownBy(() -> parse(Map.of("tailLines", "-1"))).hasMessage("tailLines: must be at least 0, not -1");
    assertThatThrownBy(() -> parse(Map.of("limitBytes", "0"))).hasMessage("limitBytes: must be at least 1, not 0");
    assertThatThrownBy(() -> parse(Map.of("attempt", "x"))).hasMessage("attempt: must be a whole number, not \"x\"");
    assertThatThrownBy(() -> parse(Map.of("follow", "yes"))).hasMessage("follow: must be true or false, not \"yes\"");
    assertThatThrownBy(() -> parse(Map.of("sinceTime", "yesterday")))
        .hasMessageStartingWith("sinceTime: must be an RFC 3339 time");
  }
}
