package io.cronium.operator.logapi;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.operator.jobrun.PodLogRequest;
import io.cronium.operator.logs.Backoff;
import io.cronium.operator.logs.LogFollower;
import io.cronium.operator.logs.LogLineSink;
import io.cronium.operator.logs.LogQuery;
import io.cronium.operator.logs.RecentLines;
import io.cronium.operator.logs.ResumePoint;
import io.cronium.operator.logs.RunLogSource;
import io.cronium.operator.logs.RunNotFoundException;
import io.cronium.operator.logs.TimestampedLine;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A run's log read through the log API ({@code logs.cronium.io}) with the caller's own
 * credentials, as {@code kubectl get --raw} reads it. Following, a stream that breaks before the
 * run has ended is reopened from its {@link ResumePoint} ({@code sinceTime}, lines already
 * printed dropped), so every line arrives once; a reopened stream that starts with the stored
 * tail (the Pod went meanwhile) is continued after the last lines printed.
 */
public final class LogApiClient implements RunLogSource {

  private static final String GROUP_VERSION_PATH = "apis/" + LogApiDiscovery.GROUP_VERSION;

  private final KubernetesClient client;
  private final Supplier<Backoff> backoffs;
  private final LogFollower.Sleeper sleeper;

  public LogApiClient(KubernetesClient client, Supplier<Backoff> backoffs, LogFollower.Sleeper sleeper) {
    this.client = client;
    this.backoffs = backoffs;
    this.sleeper = sleeper;
  }

  /**
   * The log API when the cluster serves it (its APIService is registered and available), else
   * the Pod's {@code pods/log}.
   */
  public static RunLogSource forCluster(KubernetesClient client) {
    return served(client)
        ? new LogApiClient(client, Backoff::standard, duration -> Thread.sleep(duration.toMillis()))
        : LogFollower.standard(client);
  }

  static boolean served(KubernetesClient client) {
    HttpClient http = client.getHttpClient();
    try {
      HttpResponse<String> discovery =
          http.sendAsync(http.newHttpRequestBuilder().uri(url(client, GROUP_VERSION_PATH)).build(), String.class).get();
      return discovery.isSuccessful() && discovery.body() != null && discovery.body().contains("\"jobruns/log\"");
    } catch (ExecutionException unreachable) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public JobRun read(String namespace, String name, LogQuery query, ResumePoint resume, LogLineSink sink)
      throws InterruptedException {
    Backoff backoff = backoffs.get();
    RecentLines recent = new RecentLines();
    while (true) {
      Connection connection = new Connection(resume, recent, sink);
      boolean ended;
      try {
        ended = connection.read(open(namespace, name, query, resume));
      } catch (KubernetesClientException refused) {
        if (refused.getCode() == 404) {
          throw new RunNotFoundException(namespace, name);
        }
        if (!query.follow() || refused.getCode() == 403 || refused.getCode() == 401 || refused.getCode() == 400) {
          throw refused;
        }
        ended = false;
      }
      if (connection.delivered > 0) {
        backoff.reset();
      }
      if (ended || !query.follow()) {
        JobRun run = client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
        if (run == null) {
          throw new RunNotFoundException(namespace, name);
        }
        return run;
      }
      sleeper.sleep(backoff.next());
    }
  }

  private HttpResponse<InputStream> open(String namespace, String name, LogQuery query, ResumePoint resume)
      throws InterruptedException {
    StringBuilder path = new StringBuilder(GROUP_VERSION_PATH).append("/namespaces/").append(namespace)
        .append("/jobruns/").append(name).append("/log?timestamps=true");
    if (query.follow()) {
      path.append("&follow=true");
    }
    resume.sinceTime().or(query::sinceTime).ifPresent(since ->
        path.append("&sinceTime=").append(URLEncoder.encode(since.toString(), StandardCharsets.UTF_8)));
    resume.reconnect();
    HttpClient http = client.getHttpClient();
    try {
      HttpResponse<InputStream> response =
          http.sendAsync(http.newHttpRequestBuilder().uri(url(client, path.toString())).build(), InputStream.class).get();
      if (!response.isSuccessful()) {
        String message = refusal(response);
        throw new KubernetesClientException(message, response.code(), null);
      }
      return response;
    } catch (ExecutionException unreachable) {
      throw new KubernetesClientException("the log API could not be reached: " + unreachable.getCause(), 0, null);
    }
  }

  /** The message of a refusal's Status, as kubectl prints it. */
  private static String refusal(HttpResponse<InputStream> response) {
    try {
      Object message = Serialization.unmarshal(PodLogRequest.readRefusal(response.body()), Map.class).get("message");
      return message == null ? "HTTP " + response.code() : message.toString();
    } catch (RuntimeException notAStatus) {
      return "HTTP " + response.code();
    }
  }

  private static String url(KubernetesClient client, String path) {
    String master = client.getMasterUrl().toString();
    return (master.endsWith("/") ? master : master + "/") + path;
  }

  /** One response, line by line: timestamped lines are the Pod's, the others the stored tail's. */
  private static final class Connection {
    private final ResumePoint resume;
    private final RecentLines recent;
    private final LogLineSink sink;
    private final boolean printedBefore;
    private final List<String> leadingTail = new ArrayList<>();
    private boolean timedLineSeen;
    private int delivered;

    Connection(ResumePoint resume, RecentLines recent, LogLineSink sink) {
      this.resume = resume;
      this.recent = recent;
      this.sink = sink;
      this.printedBefore = !recent.isEmpty();
    }

    /** @return whether the response ended as the server ends it (the read is complete) */
    boolean read(HttpResponse<InputStream> response) {
      Reader body = new InputStreamReader(response.body(), StandardCharsets.UTF_8);
      StringBuilder line = new StringBuilder();
      boolean readToEnd = false;
      try {
        // Lines end at '\n' only: a carriage return is part of a line (progress bars print them).
        int c;
        while ((c = body.read()) >= 0) {
          if (c == '\n') {
            accept(line.toString());
            line.setLength(0);
          } else {
            line.append((char) c);
          }
        }
        if (!line.isEmpty()) {
          accept(line.toString());
        }
        readToEnd = true;
      } catch (IOException broken) {
        return false;
      } finally {
        if (!readToEnd) {
          PodLogRequest.abandon(response.body());
        }
      }
      flushLeadingTail();
      return true;
    }

    private void accept(String raw) {
      var timed = TimestampedLine.parse(raw);
      if (timed.isPresent()) {
        flushLeadingTail();
        timedLineSeen = true;
        if (resume.admit(timed.get().timestamp())) {
          deliver(timed.get().timestamp(), timed.get().text());
        }
      } else if (timedLineSeen || !printedBefore) {
        // The server continued the Pod's lines with the tail's new ones, or nothing was printed yet.
        deliver(null, raw);
      } else {
        // A reconnect that found the Pod gone: the whole stored tail, continued after what was printed.
        leadingTail.add(raw);
      }
    }

    private void flushLeadingTail() {
      if (!leadingTail.isEmpty()) {
        recent.continuedBy(String.join("\n", leadingTail)).forEach(text -> deliver(null, text));
        leadingTail.clear();
      }
    }

    private void deliver(Instant timestamp, String text) {
      sink.line(timestamp, text);
      delivered++;
      recent.add(text);
    }
  }
}
