package io.cronium.operator.webhook;

import io.cronium.operator.config.OperatorSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * {@code POST /hooks/{namespace}/{event}} on the operator's HTTP server starts a run of an Event
 * with {@code spec.webhook} (docs/webhooks.md). What the headers alone decide (no credential, not
 * JSON, declared too large) is answered on the event loop before the body is read; the rest runs
 * on a bounded pool of its own, since it waits for the API server.
 */
@ApplicationScoped
public class WebhookRoutes {

  static final String PATH = "/hooks/:namespace/:event";
  /** The largest body accepted, and the most read of any body. */
  static final int MAX_BODY_BYTES = 1024 * 1024;
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Logger LOG = Logger.getLogger(WebhookRoutes.class);
  private static final String CREDENTIAL = WebhookCredential.class.getName();

  private final WebhookTrigger trigger;
  private final ThreadPoolExecutor workers;

  public WebhookRoutes(WebhookTrigger trigger, OperatorSettings settings) {
    this.trigger = trigger;
    AtomicInteger threads = new AtomicInteger();
    int size = settings.webhooks().workers();
    this.workers = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES,
        new ArrayBlockingQueue<>(settings.webhooks().queue()),
        task -> {
          Thread thread = new Thread(task, "webhook-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    workers.allowCoreThreadTimeOut(true);
  }

  void register(@Observes Router router) {
    // Two routes, because Vert.x lets no handler of a route come before its body handler.
    router.post(PATH).handler(this::screen);
    router.post(PATH)
        // Refuses a declared Content-Length above the limit unread, and stops collecting a
        // chunked body as soon as it passes the limit.
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(this::deliver)
        .failureHandler(this::failed);
  }

  @PreDestroy
  void stopWorkers() {
    workers.shutdownNow();
  }

  private void screen(RoutingContext request) {
    Optional<WebhookCredential> credential = WebhookCredential.from(request.request()::getHeader);
    if (credential.isEmpty()) {
      answer(request, WebhookAnswer.UNAUTHENTICATED);
      return;
    }
    if (!isJson(request.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
      answer(request, WebhookAnswer.notJson("Content-Type must be application/json"));
      return;
    }
    request.put(CREDENTIAL, credential.get());
    request.next();
  }

  private void deliver(RoutingContext request) {
    Buffer body = request.body().buffer();
    String key = request.request().getHeader(IDEMPOTENCY_KEY);
    WebhookDelivery delivery = new WebhookDelivery(
        request.pathParam("namespace"),
        request.pathParam("event"),
        request.get(CREDENTIAL),
        body == null ? new byte[0] : body.getBytes(),
        key == null || key.isBlank() ? Optional.empty() : Optional.of(key.strip()));
    try {
      workers.execute(() -> answer(request, deliverOrExplain(delivery)));
    } catch (RejectedExecutionException full) {
      answer(request, WebhookAnswer.BUSY);
    }
  }

  /** Every delivery gets an answer, even one that meets a bug: a sender must not hang. */
  private WebhookAnswer deliverOrExplain(WebhookDelivery delivery) {
    try {
      return trigger.deliver(delivery);
    } catch (RuntimeException e) {
      LOG.errorf(e, "webhook delivery to %s/%s failed", delivery.namespace(), delivery.eventName());
      return WebhookAnswer.unavailable("the delivery failed in the operator; retry later");
    }
  }

  private void failed(RoutingContext request) {
    if (request.statusCode() == 413) {
      answer(request, WebhookAnswer.TOO_LARGE);
      return;
    }
    LOG.errorf(request.failure(), "webhook delivery to %s/%s failed",
        request.pathParam("namespace"), request.pathParam("event"));
    answer(request, WebhookAnswer.unavailable("the delivery failed in the operator; retry later"));
  }

  /** application/json, or a +json type such as application/vnd.github+json; parameters allowed. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static void answer(RoutingContext request, WebhookAnswer answer) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(answer.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    answer.headers().forEach(response::putHeader);
    response.end(answer.body());
  }
}
