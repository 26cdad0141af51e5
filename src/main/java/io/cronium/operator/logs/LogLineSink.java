package io.cronium.operator.logs;

import java.time.Instant;

/** Receives a followed log line by line. */
@FunctionalInterface
public interface LogLineSink {

  /**
   * @param timestamp when the container printed the line; null for lines of the stored tail,
   *     which has no timestamps
   */
  void line(Instant timestamp, String text);
}
