package io.cronium.operator.logs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A line of {@code pods/log?timestamps=true}: an RFC 3339 timestamp, a space, the text. */
public record TimestampedLine(Instant timestamp, String text) {

  public static Optional<TimestampedLine> parse(String line) {
    int space = line.indexOf(' ');
    String stamp = space < 0 ? line : line.substring(0, space);
    try {
      return Optional.of(new TimestampedLine(
          OffsetDateTime.parse(stamp).toInstant(), space < 0 ? "" : line.substring(space + 1)));
    } catch (DateTimeParseException notTimestamped) {
      return Optional.empty();
    }
  }
}
