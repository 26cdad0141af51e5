package io.cronium.operator.testing;

import java.util.List;

/** How the HTTP benchmarks report latencies: count, p50, p99 and max, in milliseconds. */
public final class LatencySummary {

  private LatencySummary() {}

  /** @param sortedMicros latencies in microseconds, sorted ascending, at least one */
  public static String of(List<Long> sortedMicros) {
    return String.format("requests=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
        sortedMicros.size(), percentile(sortedMicros, 50), percentile(sortedMicros, 99),
        sortedMicros.get(sortedMicros.size() - 1) / 1000.0);
  }

  /** The nearest-rank percentile, in milliseconds. */
  public static double percentile(List<Long> sortedMicros, int percent) {
    return quantile(sortedMicros, percent / 100.0);
  }

  /** The nearest-rank quantile {@code fraction} (0 to 1), in milliseconds; 0 when there is none. */
  public static double quantile(List<Long> sortedMicros, double fraction) {
    if (sortedMicros.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(fraction * sortedMicros.size()) - 1;
    return sortedMicros.get(Math.max(0, index)) / 1000.0;
  }
}
