package io.cronium.operator.schedule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Parses durations written the way Go's {@code time.ParseDuration} reads them, as in {@code @every
 * 1h30m} and Kubernetes fields: an optional sign, then one or more decimal numbers each followed by
 * a unit ({@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), e.g.
 * {@code 90s}, {@code 1.5h}, {@code 2h45m30s}. A bare {@code 0} is allowed. There is no unit for
 * days, as in Go.
 */
final class GoDuration {

  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L, // micro sign
          "\u03bcs", 1_000L, // Greek mu
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  /** Go's limit: durations are an int64 count of nanoseconds (about 292 years). */
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  static Duration parse(String text) {
    String rest = text;
    boolean negative = false;
    if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Duration.ZERO;
    }
    if (rest.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    while (!rest.isEmpty()) {
      int numberEnd = prefixLength(rest, true);
      String number = rest.substring(0, numberEnd);
      if (!number.matches("[0-9]*(\\.[0-9]*)?") || number.replace(".", "").isEmpty()) {
        throw invalid(text, "expected a number at \"" + rest + "\"");
      }
      rest = rest.substring(numberEnd);
      int unitEnd = prefixLength(rest, false);
      String unit = rest.substring(0, unitEnd);
      Long unitNanos = NANOS_PER_UNIT.get(unit);
      if (unitNanos == null) {
        throw invalid(
            text,
            unit.isEmpty() ? "missing unit after " + number : "unknown unit \"" + unit + "\"");
      }
      rest = rest.substring(unitEnd);
      nanos =
          nanos.add(
              new BigDecimal(number.endsWith(".") ? number + "0" : number)
                  .multiply(BigDecimal.valueOf(unitNanos)));
    }
    BigInteger wholeNanos = nanos.toBigInteger(); // Go truncates fractions of a nanosecond
    if (wholeNanos.compareTo(MAX_NANOS) > 0) {
      throw invalid(text, "it is too long (at most about 292 years)");
    }
    Duration duration = Duration.ofNanos(wholeNanos.longValueExact());
    return negative ? duration.negated() : duration;
  }

  /**
   * Length of the leading run of number characters (digits and '.') or, if not, of unit characters.
   */
  private static int prefixLength(String text, boolean numberCharacters) {
    int i = 0;
    while (i < text.length() && isNumberCharacter(text.charAt(i)) == numberCharacters) {
      i++;
    }
    return i;
  }

  private static boolean isNumberCharacter(char c) {
    return c == '.' || (c >= '0' && c <= '9');
  }

  private static InvalidScheduleException invalid(String text, String problem) {
    String message =
        "duration \"%s\" is not valid: %s (write it like 90s, 15m or 1h30m; units h, m, s, ms,"
            + " us, ns)";
    return new InvalidScheduleException(String.format(message, text, problem));
  }
}
