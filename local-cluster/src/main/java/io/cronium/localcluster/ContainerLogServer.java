package io.cronium.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The kubelet's {@code GET /containerLogs/{namespace}/{pod}/{container}} over HTTPS, which the API server
 * proxies {@code pods/log} to. Only clients with a certificate of the cluster CA get through (the API
 * server presents its kubelet client certificate). Parameters as the kubelet's: {@code follow},
 * {@code tailLines}, {@code sinceTime}, {@code sinceSeconds}, {@code timestamps}, {@code limitBytes}.
 * A follow stream ends when the container has terminated and every line is sent, or the Pod is gone.
 */
final class ContainerLogServer implements AutoCloseable {

  private static final Pattern PATH = Pattern.compile("/containerLogs/([^/]+)/([^/]+)/([^/]+)");
  private static final Duration FOLLOW_POLL = Duration.ofMillis(100);

  private final HttpsServer server;
  private final ExecutorService handlers;
  private final PodLogSource logs;
  private final BiFunction<String, String, Pod> pods;
  private final Clock clock;

  ContainerLogServer(SSLContext tls, PodLogSource logs, BiFunction<String, String, Pod> pods, Clock clock) {
    this.logs = logs;
    this.pods = pods;
    this.clock = clock;
    try {
      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        params.setNeedClientAuth(true);
      }
    });
    AtomicInteger count = new AtomicInteger();
    handlers = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "container-logs-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(handlers);
    server.createContext("/containerLogs/", this::handle);
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
      if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
        respond(exchange, 404, "not found");
        return;
      }
      Pod pod = pods.apply(path.group(1), path.group(2));
      String container = path.group(3);
      if (pod == null) {
        respond(exchange, 404, "pod " + path.group(1) + "/" + path.group(2) + " not found");
        return;
      }
      PodLogQuery query;
      try {
        query = PodLogQuery.parse(exchange.getRequestURI().getRawQuery(), clock);
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, e.getMessage());
        return;
      }
      List<LogLine> lines = logs.lines(pod, container);
      if (!query.follow()) {
        respond(exchange, 200, query.render(lines));
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, 0);
      follow(exchange.getResponseBody(), query, pod, container, lines);
    }
  }

  /** Sends what exists, then each new line as it comes, until the container ended and all is sent. */
  private void follow(OutputStream out, PodLogQuery query, Pod pod, String container, List<LogLine> lines)
      throws IOException {
    String first = query.render(lines);
    long budget = query.limitBytes() == null ? Long.MAX_VALUE : query.limitBytes();
    budget -= write(out, first, budget);
    int sent = lines.size();
    while (budget > 0) {
      Pod current = pods.apply(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
      boolean ended = current == null || !current.getMetadata().getUid().equals(pod.getMetadata().getUid())
          || terminated(current, container);
      List<LogLine> now = logs.lines(current == null ? pod : current, container);
      for (LogLine line : now.subList(Math.min(sent, now.size()), now.size())) {
        budget -= write(out, query.format(line), budget);
      }
      sent = Math.max(sent, now.size());
      if (ended) {
        return;
      }
      try {
        Thread.sleep(FOLLOW_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Writes at most {@code budget} bytes of {@code text}; returns how many. */
  private static long write(OutputStream out, String text, long budget) throws IOException {
    byte[] bytes = PodLogQuery.truncateUtf8(text, budget).getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    out.flush();
    return bytes.length;
  }

  private static boolean terminated(Pod pod, String container) {
    List<ContainerStatus> statuses = pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
    return statuses.stream().anyMatch(status -> container.equals(status.getName()) && status.getState() != null
        && status.getState().getTerminated() != null);
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
