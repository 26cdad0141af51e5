package io.cronium.localcluster;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The query parameters of a pod log request, and how they cut and format the lines. */
record PodLogQuery(String container, Integer tailLines, Instant since, boolean timestamps, Long limitBytes,
    boolean follow) {

  /** Parses the query string of a log request (without the leading '?'; may be null). */
  static PodLogQuery parse(String rawQuery, Clock clock) {
    Map<String, String> params = parameters(rawQuery);
    try {
      Instant since = null;
      if (params.containsKey("sinceTime")) {
        since = OffsetDateTime.parse(params.get("sinceTime")).toInstant();
      } else if (params.containsKey("sinceSeconds")) {
        since = clock.instant().minusSeconds(Long.parseLong(params.get("sinceSeconds")));
      }
      return new PodLogQuery(
          params.get("container"),
          params.containsKey("tailLines") ? Integer.valueOf(params.get("tailLines")) : null,
          since,
          Boolean.parseBoolean(params.get("timestamps")),
          params.containsKey("limitBytes") ? Long.valueOf(params.get("limitBytes")) : null,
          Boolean.parseBoolean(params.get("follow")));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("invalid log query: " + e.getMessage(), e);
    }
  }

  /** The response body: the selected lines, each ended by '\n', cut to limitBytes. */
  String render(List<LogLine> lines) {
    List<LogLine> selected = lines.stream()
        .filter(line -> since == null || !line.time().isBefore(since))
        .toList();
    if (tailLines != null && tailLines >= 0 && selected.size() > tailLines) {
      selected = selected.subList(selected.size() - tailLines, selected.size());
    }
    StringBuilder body = new StringBuilder();
    selected.forEach(line -> body.append(format(line)));
    return limitBytes == null ? body.toString() : truncateUtf8(body.toString(), limitBytes);
  }

  /** One line as the kubelet sends it: its time first when timestamps are asked for, then '\n'. */
  String format(LogLine line) {
    return (timestamps ? line.time() + " " : "") + line.text() + "\n";
  }

  static String truncateUtf8(String text, long limit) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= limit) {
      return text;
    }
    return new String(bytes, 0, (int) Math.max(0, limit), StandardCharsets.UTF_8);
  }

  private static Map<String, String> parameters(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "true" : pair.substring(eq + 1);
      params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
