package io.cronium.operator.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers computed values for a short time, so that many requests within it cost the API
 * server one call. Bounded: when full, expired entries go first, then everything.
 */
final class ExpiringCache<K, V> {

  private record Entry<V>(V value, Instant expires) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;

  ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** The cached value, or {@code load}'s (then cached for the ttl) when absent or expired. */
  V get(K key, Function<K, V> load) {
    Instant now = clock.instant();
    Entry<V> entry = entries.get(key);
    if (entry != null && now.isBefore(entry.expires())) {
      return entry.value();
    }
    V value = load.apply(key);
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(old -> !now.isBefore(old.expires()));
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
    entries.put(key, new Entry<>(value, now.plus(ttl)));
    return value;
  }
}
