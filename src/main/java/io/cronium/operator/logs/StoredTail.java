package io.cronium.operator.logs;

import java.util.Arrays;
import java.util.List;

/**
 * The log tail a JobRun keeps ({@code status.logTail}, no timestamps), and which of its lines a
 * follower has not printed yet when the Pod went before the follower read them.
 */
final class StoredTail {

  /** Printed lines remembered to find where the tail continues them. */
  static final int REMEMBERED = 20;
  /** Fewer common lines than this could be a chance match (blank lines, repeated messages). */
  private static final int MIN_OVERLAP = 3;

  private StoredTail() {}

  static List<String> lines(String tail) {
    if (tail == null || tail.isEmpty()) {
      return List.of();
    }
    String body = tail.endsWith("\n") ? tail.substring(0, tail.length() - 1) : tail;
    return Arrays.asList(body.split("\n", -1));
  }

  /**
   * The tail's lines after the last ones printed: found where the tail repeats the longest run
   * of recently printed lines (its latest occurrence). Empty when the tail does not continue
   * them: it then holds nothing the follower has not printed, as far as one can tell.
   *
   * @param recentlyPrinted the last lines printed, oldest first, at most {@link #REMEMBERED}
   */
  static List<String> after(List<String> recentlyPrinted, String tail) {
    List<String> lines = lines(tail);
    int least = Math.min(MIN_OVERLAP, recentlyPrinted.size());
    for (int overlap = recentlyPrinted.size(); overlap >= least && overlap > 0; overlap--) {
      List<String> printed = recentlyPrinted.subList(recentlyPrinted.size() - overlap, recentlyPrinted.size());
      for (int end = lines.size(); end >= overlap; end--) {
        if (lines.subList(end - overlap, end).equals(printed)) {
          return lines.subList(end, lines.size());
        }
      }
    }
    return List.of();
  }
}
