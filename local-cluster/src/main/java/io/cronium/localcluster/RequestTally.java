package io.cronium.localcluster;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the API requests the cluster answered, by method and resource type (e.g. {@code "POST
 * jobruns"}, {@code "PUT events/status"}), so benchmarks and tests can measure how many writes an
 * operator makes per unit of work.
 */
public final class RequestTally {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void record(String method, String resourcePath) {
    counts.computeIfAbsent(method + " " + resourceType(resourcePath), key -> new LongAdder()).increment();
  }

  /** The counts so far, sorted by key. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }

  /** Requests that change state: POST, PUT, PATCH and DELETE. */
  public long writes() {
    return snapshot().entrySet().stream()
        .filter(entry -> !entry.getKey().startsWith("GET "))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public void reset() {
    counts.clear();
  }

  /**
   * {@code /apis/g/v/namespaces/ns/jobruns/name/status} → {@code jobruns/status}: the segment after
   * the namespace (or the version, when cluster-scoped) plus any subresource.
   */
  static String resourceType(String resourcePath) {
    String[] parts = resourcePath.split("/");
    int start = resourcePath.startsWith("/api/") ? 3 : 4;
    if (parts.length > start + 1 && parts[start].equals("namespaces") && parts.length > start + 2) {
      start += 2;
    }
    if (parts.length <= start) {
      return resourcePath;
    }
    String type = parts[start];
    return parts.length > start + 2 ? type + "/" + parts[start + 2] : type;
  }
}
