package io.cronium.localcluster;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * podman 4's {@code logs --timestamps} joins a line the container wrote in parts (conmon reads
 * 8 KiB at a time, so any long or fast output is cut where a read ends) but leaves each later
 * part's timestamp inside it: {@code <t1> AAAA<t2> BBBB}. The kubelet joins such parts cleanly, so
 * the node drops those inner timestamps: ones at or after the line's own and not in the future.
 */
final class PartialLines {

  private static final Pattern INNER_TIMESTAMP =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{1,9}(?:Z|[+-]\\d\\d:\\d\\d) ");

  private PartialLines() {}

  /** The {@code <time> <text>} line with the parts of its text joined as the container wrote them. */
  static String join(String line, Instant now) {
    int space = line.indexOf(' ');
    Instant lineTime;
    try {
      lineTime = OffsetDateTime.parse(line.substring(0, Math.max(space, 0))).toInstant();
    } catch (RuntimeException notALogLine) {
      return line;
    }
    Matcher inner = INNER_TIMESTAMP.matcher(line);
    inner.region(space + 1, line.length());
    StringBuilder joined = new StringBuilder(line.length());
    while (inner.find()) {
      Instant partTime = OffsetDateTime.parse(inner.group().strip()).toInstant();
      boolean partOfThisLine = !partTime.isBefore(lineTime) && !partTime.isAfter(now);
      inner.appendReplacement(joined, partOfThisLine ? "" : Matcher.quoteReplacement(inner.group()));
    }
    inner.appendTail(joined);
    return joined.toString();
  }
}
