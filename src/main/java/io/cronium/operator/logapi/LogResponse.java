package io.cronium.operator.logapi;

import io.cronium.operator.logs.LogQuery;
import io.cronium.operator.observability.LogStreamMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A log written as {@code pods/log} writes it: plain text, one line per line, each prefixed with
 * its RFC 3339 timestamp when asked ({@code timestamps}; lines of the stored tail have none), cut
 * at {@code limitBytes}. The response starts with the first line, so that a refusal found before
 * (an unknown run) can still be answered with its status. A client that reads slowly holds the
 * read back instead of the log piling up in memory.
 */
final class LogResponse {

  /** The largest answer kept for reuse: the stored tail's default size. */
  static final int MAX_RECORDED_BYTES = 64 * 1024;
  /** How long one wait for the client to take what was written lasts before it looks again. */
  private static final long DRAIN_WAIT_MS = 1000;

  /** The client asked for no more bytes ({@code limitBytes}). */
  static final class LimitReached extends RuntimeException {
    LimitReached() {
      super(null, null, false, false);
    }
  }

  /** The client went away; stop reading for it. */
  static final class ClientGone extends RuntimeException {
    ClientGone() {
      super(null, null, false, false);
    }
  }

  private final HttpServerResponse response;
  private final boolean timestamps;
  private final AtomicBoolean gone;
  private final LogStreamMetrics metrics;
  private long remainingBytes;
  private boolean started;
  /** What was written, kept for a non-follow read until it grows beyond {@link #MAX_RECORDED_BYTES}. */
  private ByteArrayOutputStream recorded;

  LogResponse(HttpServerResponse response, LogQuery query, AtomicBoolean gone, LogStreamMetrics metrics) {
    this.response = response;
    this.timestamps = query.timestamps();
    this.gone = gone;
    this.metrics = metrics;
    this.remainingBytes = query.limitBytes().orElse(Long.MAX_VALUE);
    this.recorded = query.follow() ? null : new ByteArrayOutputStream();
  }

  /** The whole answer as written, when it was recorded (a non-follow read, small enough). */
  Optional<byte[]> recorded() {
    return Optional.ofNullable(recorded).map(ByteArrayOutputStream::toByteArray);
  }

  /** Answers with a recorded answer. */
  void replay(byte[] answer) {
    start();
    response.end(Buffer.buffer(answer));
  }

  boolean started() {
    return started;
  }

  void line(Instant timestamp, String text) {
    if (gone.get()) {
      throw new ClientGone();
    }
    String line = timestamps && timestamp != null ? timestamp + " " + text + "\n" : text + "\n";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    start();
    if (bytes.length >= remainingBytes) {
      write(Buffer.buffer(bytes).slice(0, (int) remainingBytes));
      remainingBytes = 0;
      throw new LimitReached();
    }
    write(Buffer.buffer(bytes));
    remainingBytes -= bytes.length;
    awaitRoom();
  }

  private void write(Buffer bytes) {
    response.write(bytes);
    if (recorded != null) {
      if (recorded.size() + bytes.length() > MAX_RECORDED_BYTES) {
        recorded = null;
      } else {
        recorded.writeBytes(bytes.getBytes());
      }
    }
  }

  void end() {
    start();
    response.end();
  }

  private void start() {
    if (!started) {
      response.setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      started = true;
    }
  }

  private void awaitRoom() {
    if (!response.writeQueueFull()) {
      return;
    }
    metrics.paused();
    CountDownLatch drained = new CountDownLatch(1);
    response.drainHandler(ignored -> drained.countDown());
    try {
      while (response.writeQueueFull() && !drained.await(DRAIN_WAIT_MS, TimeUnit.MILLISECONDS)) {
        if (gone.get()) {
          throw new ClientGone();
        }
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      throw new ClientGone();
    }
  }
}
