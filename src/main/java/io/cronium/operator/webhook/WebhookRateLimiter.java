package io.cronium.operator.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per Event: up to a minute's allowance at once, refilled evenly over the minute.
 * Per replica: with N replicas behind the Service an Event gets at most N times the allowance.
 */
final class WebhookRateLimiter {

  private static final Duration REFILL_PERIOD = Duration.ofMinutes(1);
  /** Events delivered to within the last minute that are remembered; beyond, the least used go. */
  private static final long MAX_EVENTS = 10_000;

  private final Clock clock;
  private final int perMinute;
  /**
   * A bucket untouched for a refill period is full again: forgetting it changes nothing, and keeps
   * the map as small as the set of Events delivered to recently.
   */
  private final Cache<String, Bucket> buckets;

  WebhookRateLimiter(int perMinute, Clock clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("cronium.webhooks.rate-per-minute must be at least 1, was " + perMinute);
    }
    this.clock = clock;
    this.perMinute = perMinute;
    this.buckets = Caffeine.newBuilder()
        .expireAfterAccess(REFILL_PERIOD)
        .maximumSize(MAX_EVENTS)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(Runnable::run)
        .build();
  }

  /** Takes one delivery from the Event's allowance; false when none is left. */
  boolean tryAcquire(String eventKey) {
    long now = clock.millis();
    return buckets.get(eventKey, key -> new Bucket(perMinute, now)).take(now, perMinute);
  }

  /** How long until a refused sender has allowance again (at least one second, for Retry-After). */
  Duration retryAfter() {
    return Duration.ofSeconds(Math.max(1, (REFILL_PERIOD.toSeconds() + perMinute - 1) / perMinute));
  }

  private static final class Bucket {
    private double tokens;
    private long lastMillis;

    Bucket(int tokens, long nowMillis) {
      this.tokens = tokens;
      this.lastMillis = nowMillis;
    }

    synchronized boolean take(long nowMillis, int perMinute) {
      double refilled = (nowMillis - lastMillis) * perMinute / (double) REFILL_PERIOD.toMillis();
      tokens = Math.min(perMinute, tokens + Math.max(0, refilled));
      lastMillis = Math.max(lastMillis, nowMillis);
      if (tokens < 1) {
        return false;
      }
      tokens--;
      return true;
    }
  }
}
