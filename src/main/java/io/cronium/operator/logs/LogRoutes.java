package io.cronium.operator.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.operator.config.OperatorSettings;
import io.cronium.operator.observability.LogStreamMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A run's log over HTTP for browsers, on the operator's HTTP server (docs/logs.md):
 * {@code GET /api/v1/namespaces/{ns}/jobruns/{name}/logs} answers JSON lines from a cursor (for
 * polling); with {@code ?follow=true} it streams Server-Sent Events until the run ends, resuming
 * after {@code Last-Event-ID}. Both need a bearer token allowed to get the JobRun.
 */
@ApplicationScoped
public class LogRoutes {

  static final String PATH = "/api/v1/namespaces/:namespace/jobruns/:name/logs";

  private static final Logger LOG = Logger.getLogger(LogRoutes.class);
  private static final ObjectMapper JSON = Serialization.jsonMapper();
  /**
   * Log text in one polling answer, at most (plus its last line); the answer then says
   * {@code "more": true} and its cursor continues where it stopped.
   */
  static final int MAX_ANSWER_CHARS = 256 * 1024;
  /** Final answers of finished runs: with the cap this bounds the cache to ~128 MiB at worst. */
  private static final int MAX_ANSWERS = 512;
  /** How long a stream waits in one go for its client to take what was written. */
  private static final long DRAIN_WAIT_MS = 1000;

  /** A non-follow answer: status, JSON body, and whether it can never change (the run finished). */
  private record Answer(int status, String body, boolean settled) {}

  private final KubernetesClient client;
  private final LogAccess access;
  private final LogFollower reader;
  private final LogStreamMetrics metrics;
  /**
   * Many browsers polling a finished run cost the API server one read of it per runCacheTtl. A
   * running run's answers are read each time: a kept one would hide lines printed since.
   */
  private final Cache<String, Answer> recentAnswers;
  private final Semaphore followerSlots;
  private final ExecutorService followers;

  public LogRoutes(
      KubernetesClient client, LogAccess access, OperatorSettings settings, Clock clock, LogStreamMetrics metrics) {
    this.client = client;
    this.access = access;
    this.metrics = metrics;
    this.reader = LogFollower.standard(client);
    this.recentAnswers = ExpiringCaches.bounded(settings.logs().runCacheTtl(), MAX_ANSWERS, clock);
    this.followerSlots = new Semaphore(settings.logs().maxFollowers());
    AtomicInteger threads = new AtomicInteger();
    this.followers = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "log-follower-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  void register(@Observes Router router) {
    router.get(PATH).blockingHandler(this::serve, false);
  }

  @PreDestroy
  void stopFollowers() {
    followers.shutdownNow();
  }

  private void serve(RoutingContext request) {
    String namespace = request.pathParam("namespace");
    String name = request.pathParam("name");
    LogAccess.Verdict verdict =
        access.check(request.request().getHeader(HttpHeaders.AUTHORIZATION), namespace, name);
    if (verdict == LogAccess.Verdict.UNAUTHENTICATED) {
      request.response().putHeader("WWW-Authenticate", "Bearer");
      fail(request, 401, "a bearer token that the cluster accepts (TokenReview) is required");
      return;
    }
    if (verdict == LogAccess.Verdict.FORBIDDEN) {
      fail(request, 403, "you may not get jobruns.cronium.io \"" + name + "\" in namespace \"" + namespace + "\"");
      return;
    }
    boolean follow = "true".equals(request.queryParams().get("follow"));
    String cursor = follow ? request.request().getHeader("Last-Event-ID") : request.queryParams().get("cursor");
    ResumePoint resume;
    try {
      resume = cursor == null || cursor.isBlank() ? new ResumePoint() : ResumePoint.fromCursor(cursor);
    } catch (IllegalArgumentException e) {
      fail(request, 400, e.getMessage());
      return;
    }
    if (follow) {
      follow(request, namespace, name, resume);
    } else {
      poll(request, namespace, name, resume);
    }
  }

  private void poll(RoutingContext request, String namespace, String name, ResumePoint resume) {
    String key = namespace + "/" + name + "?" + resume.cursor().orElse("");
    Answer answer = recentAnswers.getIfPresent(key);
    if (answer == null) {
      answer = answer(namespace, name, resume);
      if (answer.settled()) {
        recentAnswers.put(key, answer);
      }
    }
    request.response().setStatusCode(answer.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(answer.body());
  }

  private Answer answer(String namespace, String name, ResumePoint resume) {
    ArrayNode lines = JSON.createArrayNode();
    AtomicInteger chars = new AtomicInteger();
    JobRun run;
    boolean more = false;
    try {
      run = reader.read(namespace, name, false, resume, (timestamp, text) -> {
        ObjectNode line = lines.addObject();
        line.put("time", timestamp == null ? null : timestamp.toString());
        line.put("text", text);
        // Taken, and counted in the cursor: stopping now loses nothing.
        if (chars.addAndGet(text.length()) >= MAX_ANSWER_CHARS) {
          throw new AnswerFull();
        }
      });
    } catch (AnswerFull full) {
      more = true;
      run = client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
      if (run == null) {
        return new Answer(404, message(new RunNotFoundException(namespace, name).getMessage()), false);
      }
    } catch (RunNotFoundException e) {
      return new Answer(404, message(e.getMessage()), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(503, message("the operator is stopping"), false);
    }
    ObjectNode body = summary(run);
    body.put("more", more);
    body.set("lines", lines);
    resume.cursor().ifPresent(value -> body.put("cursor", value));
    return new Answer(200, body.toString(), run.phase().isTerminal());
  }

  private void follow(RoutingContext request, String namespace, String name, ResumePoint resume) {
    if (client.resources(JobRun.class).inNamespace(namespace).withName(name).get() == null) {
      fail(request, 404, new RunNotFoundException(namespace, name).getMessage());
      return;
    }
    if (!followerSlots.tryAcquire()) {
      fail(request, 503, "too many log streams open; poll without follow=true or retry later");
      return;
    }
    HttpServerResponse response = request.response();
    AtomicBoolean gone = new AtomicBoolean();
    response.setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .closeHandler(closed -> gone.set(true));
    response.write("retry: 2000\n\n");
    // A browser that left stops its follower at the next line or the next wait between reads.
    LogFollower streamFollower = new LogFollower(client, Backoff::standard, delay -> {
      if (gone.get()) {
        throw new ClientGoneException();
      }
      Thread.sleep(delay.toMillis());
    });
    followers.execute(() -> {
      try {
        JobRun run = streamFollower.read(namespace, name, true, resume, (timestamp, text) -> {
          if (gone.get()) {
            throw new ClientGoneException();
          }
          StringBuilder event = new StringBuilder();
          if (timestamp != null) {
            resume.cursor().ifPresent(id -> event.append("id: ").append(id).append('\n'));
          }
          // A carriage return would end the SSE line early (progress bars print them).
          response.write(event.append("data: ").append(text.replace("\r", "")).append("\n\n").toString());
          awaitRoom(response, gone);
        });
        response.end("event: end\ndata: " + summary(run) + "\n\n");
      } catch (RunNotFoundException e) {
        response.end("event: error\ndata: " + e.getMessage() + "\n\n");
      } catch (ClientGoneException | InterruptedException stopped) {
        LOG.debugf("log stream of %s/%s closed", namespace, name);
      } catch (RuntimeException e) {
        LOG.debugf(e, "log stream of %s/%s failed", namespace, name);
        if (!gone.get()) {
          response.end("event: error\ndata: the log stream failed; reconnect to resume\n\n");
        }
      } finally {
        followerSlots.release();
      }
    });
  }

  /**
   * Waits while the response's write queue is full, so a client that reads slowly holds this
   * stream back (and with it the read of the Pod's log) instead of the log piling up in memory.
   */
  private void awaitRoom(HttpServerResponse response, AtomicBoolean gone) {
    if (!response.writeQueueFull()) {
      return;
    }
    metrics.paused();
    CountDownLatch drained = new CountDownLatch(1);
    response.drainHandler(ignored -> drained.countDown());
    try {
      while (response.writeQueueFull() && !drained.await(DRAIN_WAIT_MS, TimeUnit.MILLISECONDS)) {
        if (gone.get()) {
          throw new ClientGoneException();
        }
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      throw new ClientGoneException();
    }
  }

  private static ObjectNode summary(JobRun run) {
    ObjectNode summary = JSON.createObjectNode();
    summary.put("phase", run.phase().name());
    summary.put("finished", run.phase().isTerminal());
    if (run.phase().isTerminal()) {
      summary.put("exitCode", RunExitCode.of(run));
    }
    return summary;
  }

  private static void fail(RoutingContext request, int status, String message) {
    request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(message(message));
  }

  private static String message(String text) {
    return JSON.createObjectNode().put("message", text).toString();
  }

  /** The browser went away; stop following for it. */
  /** Ends a polling read once its answer holds {@link #MAX_ANSWER_CHARS}. */
  private static final class AnswerFull extends RuntimeException {
    AnswerFull() {
      super(null, null, false, false);
    }
  }

  private static final class ClientGoneException extends RuntimeException {
    ClientGoneException() {
      super(null, null, false, false);
    }
  }
}
