package io.cronium.operator.schedule;

import java.util.OptionalInt;

/**
 * The values one cron field matches, as a bit set (bit {@code v} set when value {@code v} matches).
 *
 * @param bits the matching values
 * @param wildcard robfig/cron's "star bit": true when some list element is {@code *} or {@code ?}
 *     with no step or step 1. It decides how day-of-month and day-of-week combine (see {@link
 *     CronExpression}); {@code *}{@code /2} is not a wildcard, but {@code *}{@code /1} is.
 */
record CronFieldValues(long bits, boolean wildcard) {

  /** Parses one field: a comma-separated list of {@code *}, {@code ?}, values, ranges and steps. */
  static CronFieldValues parse(CronField field, String text) {
    long bits = 0;
    boolean wildcard = false;
    for (String element : text.split(",", -1)) {
      if (element.isEmpty()) {
        throw invalid(field, text, "empty list element (remove the extra comma)");
      }
      CronFieldValues values = parseElement(field, text, element);
      bits |= values.bits;
      wildcard |= values.wildcard;
    }
    return new CronFieldValues(bits, wildcard);
  }

  boolean contains(int value) {
    return (bits & (1L << value)) != 0;
  }

  /** The smallest matching value at or above {@code from}, if any. */
  OptionalInt firstAtOrAbove(int from) {
    long candidates = bits & (-1L << from);
    return candidates == 0
        ? OptionalInt.empty()
        : OptionalInt.of(Long.numberOfTrailingZeros(candidates));
  }

  /** The largest matching value at or below {@code from}, if any. */
  OptionalInt lastAtOrBelow(int from) {
    long candidates = bits & (-1L >>> (63 - from));
    return candidates == 0
        ? OptionalInt.empty()
        : OptionalInt.of(63 - Long.numberOfLeadingZeros(candidates));
  }

  /**
   * Whether every value the field allows matches, however it was written ({@code *}, {@code 0-23},
   * ...).
   */
  boolean matchesEveryValueOf(CronField field) {
    return bits == rangeBits(field.min(), field.max(), 1);
  }

  /**
   * One element: {@code *}, {@code ?}, {@code v}, {@code a-b}, each optionally followed by {@code
   * /step}.
   */
  private static CronFieldValues parseElement(CronField field, String text, String element) {
    String[] rangeAndStep = element.split("/", -1);
    if (rangeAndStep.length > 2) {
      throw invalid(field, text, "too many '/' in \"" + element + "\"");
    }
    String range = rangeAndStep[0];
    boolean hasStep = rangeAndStep.length == 2;
    int step = hasStep ? parseStep(field, text, rangeAndStep[1]) : 1;
    if (range.equals("*") || range.equals("?")) {
      // robfig sets the star bit only when the step keeps every value: "*/2" is a restriction.
      return new CronFieldValues(rangeBits(field.min(), field.max(), step), step == 1);
    }
    String[] bounds = range.split("-", -1);
    if (bounds.length > 2) {
      throw invalid(
          field, text, "too many '-' in \"" + element + "\" (a range is written like 1-5)");
    }
    int start = parseValue(field, text, bounds[0]);
    // "5/15" means "5-max/15", as in robfig/cron and Vixie cron.
    int end =
        bounds.length == 2 ? parseValue(field, text, bounds[1]) : hasStep ? field.max() : start;
    if (start > end) {
      String problem =
          "range %s runs backwards (start %d is after end %d); ranges do not wrap around";
      throw invalid(field, text, String.format(problem, range, start, end));
    }
    return new CronFieldValues(rangeBits(start, end, step), false);
  }

  private static int parseValue(CronField field, String text, String token) {
    if (token.isEmpty()) {
      throw invalid(field, text, "a value is missing (allowed: " + field.allowedValues() + ")");
    }
    if (isDigits(token)) {
      // Longer than any in-range value; parsing it could overflow an int.
      int value = token.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(token);
      if (value < field.min() || value > field.max()) {
        String hint =
            field == CronField.DAY_OF_WEEK ? " (Sunday is 0 or SUN; 7 is not accepted)" : "";
        String problem =
            String.format("value %s out of range %d-%d%s", token, field.min(), field.max(), hint);
        throw invalid(field, text, problem);
      }
      return value;
    }
    OptionalInt named = field.valueOfName(token);
    if (named.isEmpty()) {
      throw invalid(
          field,
          text,
          "\"" + token + "\" is not a valid value (allowed: " + field.allowedValues() + ")");
    }
    return named.getAsInt();
  }

  private static int parseStep(CronField field, String text, String token) {
    if (!isDigits(token) || token.length() > 4 || Integer.parseInt(token) == 0) {
      throw invalid(field, text, "step \"" + token + "\" must be a whole number from 1 to 9999");
    }
    return Integer.parseInt(token);
  }

  /** ASCII digits only: unlike Go's Atoi, which robfig uses, we refuse signs such as "+5". */
  private static boolean isDigits(String token) {
    return !token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static long rangeBits(int start, int end, int step) {
    long bits = 0;
    for (int value = start; value <= end; value += step) {
      bits |= 1L << value;
    }
    return bits;
  }

  private static InvalidScheduleException invalid(CronField field, String text, String problem) {
    return new InvalidScheduleException(
        field.displayName() + " field \"" + text + "\": " + problem);
  }
}
