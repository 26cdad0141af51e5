package io.cronium.operator.faults;

import java.util.Collection;
import java.util.List;

/** A sample of durations or counts as a report shows it: min, median, max and how many. */
final class Stats {

  private Stats() {}

  static String of(Collection<Long> values) {
    if (values.isEmpty()) {
      return "none";
    }
    List<Long> sorted = values.stream().sorted().toList();
    return "min " + sorted.get(0) + ", median " + sorted.get(sorted.size() / 2) + ", max "
        + sorted.get(sorted.size() - 1) + " (n=" + sorted.size() + ")";
  }
}
