package io.cronium.operator.logs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What part of a run's log to read, with the parameters of {@code pods/log}: {@code follow},
 * {@code sinceTime}, {@code tailLines}, {@code limitBytes}, {@code timestamps}, and
 * {@code attempt} (which of the run's Pods: 1 for the first, more after retries; the current one
 * when absent).
 */
public record LogQuery(
    boolean follow,
    Optional<Instant> sinceTime,
    OptionalInt tailLines,
    OptionalLong limitBytes,
    boolean timestamps,
    OptionalInt attempt) {

  /** All of the current attempt's log, following it or not. */
  public static LogQuery whole(boolean follow) {
    return new LogQuery(follow, Optional.empty(), OptionalInt.empty(), OptionalLong.empty(), false, OptionalInt.empty());
  }

  /**
   * Reads the query parameters, refusing values {@code pods/log} refuses.
   *
   * @param parameter a parameter's value, null when absent
   * @throws IllegalArgumentException naming the parameter and what it must be
   */
  public static LogQuery parse(Function<String, String> parameter) {
    return new LogQuery(
        flag(parameter, "follow"),
        Optional.ofNullable(parameter.apply("sinceTime")).map(LogQuery::time),
        atLeast(parameter, "tailLines", 0),
        Optional.ofNullable(parameter.apply("limitBytes"))
            .map(value -> OptionalLong.of(number(value, "limitBytes", 1)))
            .orElse(OptionalLong.empty()),
        flag(parameter, "timestamps"),
        atLeast(parameter, "attempt", 1));
  }

  /** The Pod of this attempt, or of the run's current one. */
  public int attemptOr(int current) {
    return attempt.orElse(current);
  }

  private static boolean flag(Function<String, String> parameter, String name) {
    String value = parameter.apply(name);
    if (value == null || value.isEmpty() || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new IllegalArgumentException(name + ": must be true or false, not \"" + value + "\"");
  }

  private static OptionalInt atLeast(Function<String, String> parameter, String name, int least) {
    String value = parameter.apply(name);
    if (value == null) {
      return OptionalInt.empty();
    }
    long number = number(value, name, least);
    return OptionalInt.of((int) Math.min(number, Integer.MAX_VALUE));
  }

  private static long number(String value, String name, long least) {
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": must be a whole number, not \"" + value + "\"");
    }
    if (number < least) {
      throw new IllegalArgumentException(name + ": must be at least " + least + ", not " + number);
    }
    return number;
  }

  private static Instant time(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "sinceTime: must be an RFC 3339 time such as 2026-12-03T10:00:00Z, not \"" + value + "\"");
    }
  }
}
