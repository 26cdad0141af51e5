package io.cronium.operator.logapi;

import com.github.benmanes.caffeine.cache.Cache;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.operator.config.OperatorSettings;
import io.cronium.operator.logs.Backoff;
import io.cronium.operator.logs.ExpiringCaches;
import io.cronium.operator.logs.LogFollower;
import io.cronium.operator.logs.LogQuery;
import io.cronium.operator.logs.ResumePoint;
import io.cronium.operator.logs.RunNotFoundException;
import io.cronium.operator.observability.LogStreamMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509TrustManager;
import org.jboss.logging.Logger;

/**
 * The aggregated API {@code logs.cronium.io/v1alpha1} (docs/logs.md), registered by an APIService
 * so that the API server proxies {@code /apis/logs.cronium.io/...} here: discovery, and
 * {@code GET namespaces/{ns}/jobruns/{name}/log} with the parameters of {@code pods/log}. Served
 * over TLS on its own port by every replica; only the API server's front proxy gets in
 * ({@link RequestHeaderAuthentication}), and each read is authorized for the user it forwards.
 */
@ApplicationScoped
public class LogApiServer {

  private static final Logger LOG = Logger.getLogger(LogApiServer.class);
  private static final String USER = "cronium.remoteUser";
  private static final String PREFIX = "/apis/" + LogApiDiscovery.GROUP_VERSION;

  /**
   * Accepts any client certificate during the handshake: whether it is the front proxy's is
   * decided per request against the CA the API server publishes now (as Go's
   * {@code tls.RequestClientCert} with the requestheader verifier), so a rotated CA needs no
   * restart, and a request without it gets a 401 status rather than a broken handshake.
   */
  private static final X509TrustManager VERIFIED_PER_REQUEST = new X509TrustManager() {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // verified per request, see above
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this trust manager only takes client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  };

  private record ServingCertificate(String certificate, String key) {}

  private record Question(String namespace, String run, LogQuery query) {}

  /** Answers of finished runs kept for reuse, at most this many (of at most 64 KiB each). */
  private static final int MAX_ANSWERS = 512;

  private final Vertx vertx;
  private final KubernetesClient client;
  private final FrontProxyTrust trust;
  private final LogReadAuthorization authorization;
  private final OperatorSettings.LogApi settings;
  private final Clock clock;
  private final LogStreamMetrics metrics;
  private final Semaphore reads;
  private final ExecutorService readers;
  /**
   * Non-follow answers of finished runs: their log no longer changes, so many readers of one
   * (browsers polling it) cost the API server one read per {@code finishedAnswerTtl}.
   */
  private final Cache<Question, byte[]> finishedAnswers;
  private HttpServer server;
  private ServingCertificate loaded;
  private boolean announcedOff;
  private long reloadTimer = -1;
  private volatile int port = -1;

  public LogApiServer(Vertx vertx, KubernetesClient client, FrontProxyTrust trust, LogReadAuthorization authorization,
      OperatorSettings settings, Clock clock, LogStreamMetrics metrics) {
    this.vertx = vertx;
    this.client = client;
    this.trust = trust;
    this.authorization = authorization;
    this.settings = settings.logApi();
    this.clock = clock;
    this.metrics = metrics;
    this.reads = new Semaphore(this.settings.maxReads());
    this.finishedAnswers = ExpiringCaches.bounded(this.settings.finishedAnswerTtl(), MAX_ANSWERS, clock);
    AtomicInteger threads = new AtomicInteger();
    this.readers = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "log-api-read-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  void start(@Observes StartupEvent started) {
    reloadCertificate();
    reloadTimer = vertx.setPeriodic(settings.tlsReloadInterval().toMillis(), id -> reloadCertificate());
  }

  /** The port the API is served on; -1 until it is (no serving certificate yet). */
  public int port() {
    return port;
  }

  @PreDestroy
  synchronized void stop() {
    vertx.cancelTimer(reloadTimer);
    readers.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  /** Serves once the certificate exists; a changed one (a rotated Secret) is taken up by new connections. */
  private synchronized void reloadCertificate() {
    Optional<ServingCertificate> read = readCertificate();
    if (read.isEmpty()) {
      if (!announcedOff) {
        LOG.infof("the log API (%s) is off until its serving certificate %s and key %s exist",
            LogApiDiscovery.GROUP, settings.tlsCertFile(), settings.tlsKeyFile());
        announcedOff = true;
      }
      return;
    }
    if (read.get().equals(loaded)) {
      return;
    }
    loaded = read.get();
    PemKeyCertOptions keyCert = new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(loaded.certificate()))
        .setKeyValue(Buffer.buffer(loaded.key()));
    if (server != null) {
      server.updateSSLOptions(new SSLOptions().setKeyCertOptions(keyCert))
          .onSuccess(ignored -> LOG.infof("the log API serves its renewed certificate %s", settings.tlsCertFile()))
          .onFailure(e -> LOG.errorf("the log API keeps its certificate: %s cannot be used (%s)",
              settings.tlsCertFile(), e.getMessage()));
      return;
    }
    trust.start();
    HttpServer starting = vertx.createHttpServer(new HttpServerOptions()
        .setSsl(true)
        .setKeyCertOptions(keyCert)
        .setClientAuth(ClientAuth.REQUEST)
        .setTrustOptions(TrustOptions.wrap(VERIFIED_PER_REQUEST)));
    server = starting;
    starting.requestHandler(router()).listen(settings.port())
        .onSuccess(listening -> {
          port = listening.actualPort();
          LOG.infof("the log API (%s) is served on port %d", LogApiDiscovery.GROUP_VERSION, port);
        })
        .onFailure(e -> {
          LOG.errorf("the log API cannot be served on port %d: %s", settings.port(), e.getMessage());
          synchronized (this) {
            server = null;
          }
        });
  }

  private Optional<ServingCertificate> readCertificate() {
    Path certificate = settings.tlsCertFile();
    Path key = settings.tlsKeyFile();
    if (!Files.isReadable(certificate) || !Files.isReadable(key)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ServingCertificate(Files.readString(certificate), Files.readString(key)));
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(this::authenticate);
    router.get("/apis").handler(request -> json(request, LogApiDiscovery.API_GROUP_LIST));
    router.get("/apis/" + LogApiDiscovery.GROUP).handler(request -> json(request, LogApiDiscovery.API_GROUP));
    router.get(PREFIX).handler(request -> json(request, LogApiDiscovery.API_RESOURCE_LIST));
    router.get(PREFIX + "/namespaces/:namespace/jobruns/:name/log").handler(this::read);
    router.route().handler(request -> refuse(request.response(),
        KubeStatus.notFound("the log API serves only " + PREFIX + "/namespaces/NAMESPACE/jobruns/NAME/log")));
    return router;
  }

  private void authenticate(RoutingContext request) {
    Optional<RemoteUser> user = trust.current().flatMap(front ->
        front.authenticate(peerChain(request), request.request().headers(), clock.instant()));
    if (user.isEmpty()) {
      refuse(request.response(), KubeStatus.unauthorized());
      return;
    }
    request.put(USER, user.get());
    request.next();
  }

  private static List<Certificate> peerChain(RoutingContext request) {
    try {
      return Objects.requireNonNullElse(request.request().connection().peerCertificates(), List.of());
    } catch (SSLPeerUnverifiedException noCertificate) {
      return List.of();
    }
  }

  private void read(RoutingContext request) {
    RemoteUser user = request.get(USER);
    String namespace = request.pathParam("namespace");
    String name = request.pathParam("name");
    LogQuery query;
    try {
      query = LogQuery.parse(request.request()::getParam);
    } catch (IllegalArgumentException invalid) {
      refuse(request.response(), KubeStatus.badRequest(invalid.getMessage()));
      return;
    }
    if (!reads.tryAcquire()) {
      refuse(request.response(), KubeStatus.tooManyRequests());
      return;
    }
    HttpServerResponse response = request.response();
    AtomicBoolean gone = new AtomicBoolean();
    response.closeHandler(closed -> gone.set(true));
    readers.execute(() -> {
      try {
        serve(user, namespace, name, query, response, gone);
      } finally {
        reads.release();
      }
    });
  }

  /** On a reader thread: the SubjectAccessReview and the log read wait on the API server. */
  private void serve(RemoteUser user, String namespace, String name, LogQuery query, HttpServerResponse response,
      AtomicBoolean gone) {
    LogResponse log = new LogResponse(response, query, gone, metrics);
    try {
      if (!authorization.allowed(user, namespace, name)) {
        refuse(response, KubeStatus.forbidden(user, namespace, name));
        return;
      }
      // A client that left stops the read at its next line or its next wait between reads.
      LogFollower follower = new LogFollower(client, Backoff::standard, delay -> {
        if (gone.get()) {
          throw new LogResponse.ClientGone();
        }
        Thread.sleep(delay.toMillis());
      });
      Question question = new Question(namespace, name, query);
      byte[] answered = finishedAnswers.getIfPresent(question);
      if (answered != null) {
        log.replay(answered);
        return;
      }
      JobRun run = follower.read(namespace, name, query, new ResumePoint(), log::line);
      log.end();
      if (!query.follow() && run.phase().isTerminal()) {
        log.recorded().ifPresent(answer -> finishedAnswers.put(question, answer));
      }
    } catch (LogResponse.LimitReached enough) {
      log.end();
    } catch (RunNotFoundException e) {
      if (log.started()) {
        log.end();
      } else {
        refuse(response, KubeStatus.notFound(e.getMessage()));
      }
    } catch (LogResponse.ClientGone left) {
      LOG.debugf("the reader of %s/%s's log left", namespace, name);
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      response.reset();
    } catch (KubernetesClientException e) {
      LOG.debugf(e, "reading %s/%s's log failed", namespace, name);
      if (log.started()) {
        // Broken off, as a pods/log stream that breaks: the client reconnects with sinceTime.
        response.reset();
      } else {
        refuse(response, KubeStatus.unavailable("the API server could not be asked: " + e.getMessage()));
      }
    } catch (RuntimeException unexpected) {
      // Never leave the client waiting on an answer that will not come.
      LOG.errorf(unexpected, "reading %s/%s's log failed", namespace, name);
      if (log.started()) {
        response.reset();
      } else {
        refuse(response, new KubeStatus(500, "InternalError", "the log could not be read; see the operator's log"));
      }
    }
  }

  private static void json(RoutingContext request, String body) {
    request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
  }

  private static void refuse(HttpServerResponse response, KubeStatus status) {
    response.setStatusCode(status.code())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(status.json());
  }
}
