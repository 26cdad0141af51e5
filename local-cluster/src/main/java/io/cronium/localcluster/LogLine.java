package io.cronium.localcluster;

import java.time.Instant;
import java.util.Objects;

/** One line a container printed, without its line break, and when the runtime saw it. */
public record LogLine(Instant time, String text) {

  public LogLine {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(text, "text");
  }
}
