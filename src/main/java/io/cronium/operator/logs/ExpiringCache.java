package io.cronium.operator.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Remembers computed values for a short time, so that many requests within it cost the API
 * server one call. Concurrent requests for a missing key wait for its one load; once a value
 * has expired, the first request reloads it while the others still get the old one, so that
 * expiry never stalls every caller at once. Bounded: when full, expired entries go first, then
 * everything.
 */
final class ExpiringCache<K, V> {

  private record Entry<V>(CompletableFuture<V> value, Instant expires, AtomicBoolean reloading) {
    Entry(Instant expires) {
      this(new CompletableFuture<>(), expires, new AtomicBoolean());
    }

    boolean hasValue() {
      return value.isDone() && !value.isCompletedExceptionally();
    }
  }

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;

  ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /**
   * The cached value, or {@code load}'s (then cached for the ttl). A value is at most the ttl
   * plus one load old. A load that throws caches nothing; its exception reaches every caller
   * that waited for it.
   */
  V get(K key, Function<K, V> load) {
    Instant now = clock.instant();
    Entry<V> current = entries.get(key);
    if (current != null && now.isBefore(current.expires())) {
      return valueOf(current);
    }
    if (current != null && current.hasValue()) {
      if (!current.reloading().compareAndSet(false, true)) {
        return valueOf(current);
      }
      Entry<V> fresh = new Entry<>(now.plus(ttl));
      if (loadInto(fresh, key, load)) {
        entries.put(key, fresh);
      } else {
        current.reloading().set(false);
      }
      return valueOf(fresh);
    }
    makeRoom(now);
    Entry<V> mine = new Entry<>(now.plus(ttl));
    Entry<V> winner = entries.compute(key, (k, old) -> old != null && now.isBefore(old.expires()) ? old : mine);
    if (winner == mine && !loadInto(mine, key, load)) {
      entries.remove(key, mine);
    }
    return valueOf(winner);
  }

  private boolean loadInto(Entry<V> entry, K key, Function<K, V> load) {
    try {
      entry.value().complete(load.apply(key));
      return true;
    } catch (RuntimeException e) {
      entry.value().completeExceptionally(e);
      return false;
    }
  }

  private V valueOf(Entry<V> entry) {
    try {
      return entry.value().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void makeRoom(Instant now) {
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(old -> !now.isBefore(old.expires()) && !old.reloading().get());
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
  }
}
