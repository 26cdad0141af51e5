package io.cronium.operator.logs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Caches of API server answers (the log API's access decisions), so that many requests within a short time cost
 * the API server one call. An answer is reused for a fixed time after it was loaded; a full cache
 * evicts the entries least likely to be asked for again (Caffeine's W-TinyLFU), so that a flood of
 * one-off keys, such as made-up tokens, cannot push out the answers regular callers reuse.
 */
public final class ExpiringCaches {

  private ExpiringCaches() {}

  /** @param clock tells the time, so that tests can move it on */
  public static <K, V> Cache<K, V> bounded(Duration ttl, long maximumSize, Clock clock) {
    return Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(maximumSize)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        // Evictions run on the calling thread: the bound holds when a call returns, and they do
        // not wait for the common pool, which has one thread on a 2-CPU node.
        .executor(Runnable::run)
        .build();
  }
}
