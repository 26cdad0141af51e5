package io.cronium.operator.schedule;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** The five fields of a standard cron expression, in order, with the values each one allows. */
enum CronField {
  MINUTE("minute", 0, 59, List.of()),
  HOUR("hour", 0, 23, List.of()),
  DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
  MONTH(
      "month",
      1,
      12,
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  /** 0 = Sunday. robfig/cron v3 rejects 7, so do we: Kubernetes would refuse such a CronJob. */
  DAY_OF_WEEK("day-of-week", 0, 6, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

  private final String displayName;
  private final int min;
  private final int max;

  /** Names in value order: the name at index i stands for the value {@code min + i}. */
  private final List<String> names;

  CronField(String displayName, int min, int max, List<String> names) {
    this.displayName = displayName;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  String displayName() {
    return displayName;
  }

  int min() {
    return min;
  }

  int max() {
    return max;
  }

  /**
   * The value of a three-letter name such as {@code jan} or {@code Mon}, matched
   * case-insensitively.
   */
  OptionalInt valueOfName(String text) {
    int index = names.indexOf(text.toUpperCase(Locale.ROOT));
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(min + index);
  }

  /** What the user may write in this field, for error messages. */
  String allowedValues() {
    String range = min + "-" + max;
    return names.isEmpty()
        ? range
        : range + " or " + names.get(0) + "-" + names.get(names.size() - 1);
  }
}
