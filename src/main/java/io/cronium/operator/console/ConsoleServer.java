package io.cronium.operator.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cronium.operator.jobrun.PodLogRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web console's local server, as {@code kubectl proxy --www} is: it serves the console's
 * bundled assets and passes {@code /api} and {@code /apis} to the API server through the user's
 * own Kubernetes client, so every call carries the user's identity and RBAC decides what it
 * returns. Responses are copied as they arrive: watches and followed logs stream through.
 *
 * <p>It listens on 127.0.0.1 only. Two checks keep other web pages the browser has open from using
 * the user's credentials through it: a request must name this server as its Host (no DNS
 * rebinding), and one that changes something must come from the console's own origin (no
 * cross-site request forgery).
 */
public final class ConsoleServer implements AutoCloseable {

  /** Where {@code make console} puts the built assets on the classpath. */
  public static final String ASSETS = "cronium-console/";

  private static final String READ = "GET";
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Map<String, String> CONTENT_TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json");

  private final HttpServer server;
  private final ExecutorService threads;
  private final KubernetesClient client;
  private final String assets;
  private final String defaultNamespace;
  private final Set<String> ownHosts;

  private ConsoleServer(HttpServer server, ExecutorService threads, KubernetesClient client, String assets,
      String defaultNamespace) {
    this.server = server;
    this.threads = threads;
    this.client = client;
    this.assets = assets;
    this.defaultNamespace = defaultNamespace;
    int port = server.getAddress().getPort();
    this.ownHosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
  }

  /**
   * Starts serving on 127.0.0.1.
   *
   * @param port 0 for any free port
   * @param assets the classpath folder holding index.html ({@link #ASSETS})
   * @param defaultNamespace the namespace the console opens with
   */
  public static ConsoleServer start(KubernetesClient client, int port, String assets, String defaultNamespace)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    AtomicInteger count = new AtomicInteger();
    // Each open watch or followed log holds a thread for as long as the page keeps it.
    ExecutorService threads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "console-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    ConsoleServer console = new ConsoleServer(server, threads, client, assets, defaultNamespace);
    server.createContext("/", console::handle);
    server.setExecutor(threads);
    server.start();
    return console;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      if (!ownHosts.contains(String.valueOf(exchange.getRequestHeaders().getFirst("Host")))) {
        refuse(exchange, 403, "Forbidden", "the console answers only requests addressed to " + url());
      } else if (WRITES.contains(method) && !fromOwnOrigin(exchange)) {
        refuse(exchange, 403, "Forbidden", "the console accepts changes only from its own pages");
      } else if (!READ.equals(method) && !WRITES.contains(method)) {
        refuse(exchange, 405, "MethodNotAllowed", "the console does not pass " + method + " requests");
      } else if (path.equals("/api") || path.startsWith("/api/") || path.equals("/apis") || path.startsWith("/apis/")) {
        proxy(exchange, method);
      } else if (path.equals("/console/config.json") && READ.equals(method)) {
        respond(exchange, 200, "application/json",
            Serialization.asJson(Map.of("namespace", defaultNamespace)).getBytes(StandardCharsets.UTF_8));
      } else if (READ.equals(method)) {
        asset(exchange, path);
      } else {
        refuse(exchange, 405, "MethodNotAllowed", "the console's pages take no " + method + " requests");
      }
    }
  }

  private boolean fromOwnOrigin(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    return origin != null && ownHosts.stream().anyMatch(host -> origin.equals("http://" + host));
  }

  private void proxy(HttpExchange exchange, String method) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String master = client.getMasterUrl().toString();
    String target = (master.endsWith("/") ? master.substring(0, master.length() - 1) : master)
        + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
    HttpClient http = client.getHttpClient();
    HttpRequest.Builder request = http.newHttpRequestBuilder().uri(target);
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (WRITES.contains(method)) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      request.method(method, contentType == null ? "application/json" : contentType,
          new ByteArrayInputStream(body), (long) body.length);
    }
    if (streams(query)) {
      request.forStreaming();
    }
    HttpResponse<InputStream> response;
    try {
      response = http.sendAsync(request.build(), InputStream.class).get();
    } catch (ExecutionException unreachable) {
      refuse(exchange, 502, "BadGateway", "the console could not reach the API server: " + unreachable.getCause());
      return;
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      return;
    }
    copy(response, exchange);
  }

  /** Watches and followed logs: no response timeout, as the page holds them open. */
  private static boolean streams(String query) {
    if (query == null) {
      return false;
    }
    for (String parameter : query.split("&")) {
      if (parameter.equals("watch=1") || parameter.equals("watch=true") || parameter.equals("follow=true")) {
        return true;
      }
    }
    return false;
  }

  /** Copies the response as it arrives; a page that goes away gives up the upstream stream. */
  private static void copy(HttpResponse<InputStream> response, HttpExchange exchange) throws IOException {
    InputStream body = response.body();
    response.headers().entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
        .forEach(header -> exchange.getResponseHeaders().put("Content-Type", header.getValue()));
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(response.code(), 0);
    OutputStream out = exchange.getResponseBody();
    byte[] buffer = new byte[8192];
    boolean readToEnd = false;
    try {
      if (body != null) {
        int read;
        while ((read = body.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
          out.flush();
        }
      }
      readToEnd = true;
    } finally {
      if (!readToEnd) {
        PodLogRequest.abandon(body);
      }
    }
  }

  private void asset(HttpExchange exchange, String path) throws IOException {
    String name = path.equals("/") ? "index.html" : path.substring(1);
    if (name.contains("..") || name.contains("//")) {
      refuse(exchange, 404, "NotFound", "no such page");
      return;
    }
    try (InputStream resource = ConsoleServer.class.getClassLoader().getResourceAsStream(assets + name)) {
      if (resource == null) {
        refuse(exchange, 404, "NotFound", "no such page: " + path);
        return;
      }
      String extension = name.substring(name.lastIndexOf('.') + 1);
      respond(exchange, 200, CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"),
          resource.readAllBytes());
    }
  }

  /** A refusal as the API server words its own: a Kubernetes Status, which the pages show. */
  private static void refuse(HttpExchange exchange, int code, String reason, String message) throws IOException {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    respond(exchange, code, "application/json", Serialization.asJson(status).getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    // Only the console's own scripts run, and no other site may frame it (clickjacking).
    exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }
}
