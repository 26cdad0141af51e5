package io.cronium.operator.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.operator.config.OperatorSettings;
import io.cronium.operator.jobrun.JobRun;
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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
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
  private static final int MAX_RUN_ENTRIES = 10_000;

  private final KubernetesClient client;
  private final LogAccess access;
  private final LogFollower polling;
  private final LogFollower following;
  private final Semaphore followerSlots;
  private final ExecutorService followers;

  public LogRoutes(KubernetesClient client, LogAccess access, OperatorSettings settings, Clock clock) {
    this.client = client;
    this.access = access;
    ExpiringCache<String, Optional<JobRun>> recentRuns =
        new ExpiringCache<>(settings.logs().runCacheTtl(), MAX_RUN_ENTRIES, clock);
    LogFollower.RunLookup direct = LogFollower.directLookup(client);
    // Many browsers polling one run cost one JobRun read a second; a follower reads fresh.
    this.polling = new LogFollower(client,
        (ns, name) -> recentRuns.get(ns + "/" + name, key -> Optional.ofNullable(direct.get(ns, name)))
            .orElse(null),
        Backoff::standard, duration -> Thread.sleep(duration.toMillis()));
    this.following = LogFollower.standard(client);
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
    ArrayNode lines = JSON.createArrayNode();
    JobRun run;
    try {
      run = polling.read(namespace, name, false, resume, (timestamp, text) -> {
        ObjectNode line = lines.addObject();
        line.put("time", timestamp == null ? null : timestamp.toString());
        line.put("text", text);
      });
    } catch (RunNotFoundException e) {
      fail(request, 404, e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(request, 503, "the operator is stopping");
      return;
    }
    ObjectNode body = summary(run);
    body.set("lines", lines);
    resume.cursor().ifPresent(value -> body.put("cursor", value));
    request.response().setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.toString());
  }

  private void follow(RoutingContext request, String namespace, String name, ResumePoint resume) {
    if (LogFollower.directLookup(client).get(namespace, name) == null) {
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
    followers.execute(() -> {
      try {
        JobRun run = following.read(namespace, name, true, resume, (timestamp, text) -> {
          if (gone.get()) {
            throw new ClientGoneException();
          }
          StringBuilder event = new StringBuilder();
          if (timestamp != null) {
            resume.cursor().ifPresent(id -> event.append("id: ").append(id).append('\n'));
          }
          response.write(event.append("data: ").append(text).append("\n\n").toString());
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
        .end(JSON.createObjectNode().put("message", message).toString());
  }

  /** The browser went away; stop following for it. */
  private static final class ClientGoneException extends RuntimeException {
    ClientGoneException() {
      super(null, null, false, false);
    }
  }
}
