package io.cronium.operator.logs;

import io.cronium.operator.jobrun.PodLogRequest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * One {@code pods/log} request with timestamps, from a resume point, read line by line.
 *
 * <p>Sent as it is ({@link PodLogRequest}), for two reasons LogsCommandTest pins: fabric8's
 * {@code watchLog()} gives no status, so a refusal's body (a 403 or 404 Status) would be read as
 * log lines; and its reads first list the Pod, needing {@code list} on Pods, which docs/logs.md
 * does not ask of users.
 */
final class PodLogConnection {

  /** Longer lines (a progress bar redrawn with carriage returns for hours) are cut to this. */
  static final int MAX_LINE_CHARS = 64 * 1024;

  /** How one connection ended. */
  record Outcome(int linesDelivered, boolean endedCleanly) {}

  private final KubernetesClient client;

  PodLogConnection(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param complete the container had ended before this request: the response holds the whole
   *     rest of the log, a final line without a line break included
   */
  Outcome read(Pod pod, LogQuery query, ResumePoint resume, boolean complete, LogLineSink sink)
      throws InterruptedException {
    resume.reconnect();
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder().uri(url(pod, query, resume)).build();
    try {
      return stream(http.sendAsync(request, InputStream.class).get(), resume, complete, sink);
    } catch (ExecutionException unreachable) {
      return new Outcome(0, false);
    }
  }

  /**
   * A log read as it is written, line by line, so memory stays bounded whatever its size; a
   * stream read to its end is left open (see PodLogRequest).
   */
  private static Outcome stream(
      HttpResponse<InputStream> response, ResumePoint resume, boolean complete, LogLineSink sink) {
    if (!response.isSuccessful() || response.body() == null) {
      PodLogRequest.readRefusal(response.body());
      return new Outcome(0, false);
    }
    LineSplitter lines = new LineSplitter(resume, sink);
    Reader body = new InputStreamReader(response.body(), StandardCharsets.UTF_8);
    boolean readToEnd = false;
    try {
      int c;
      while ((c = body.read()) >= 0) {
        lines.accept(c);
      }
      readToEnd = true;
    } catch (IOException broken) {
      return new Outcome(lines.delivered(), false);
    } finally {
      if (!readToEnd) {
        PodLogRequest.abandon(response.body());
      }
    }
    return new Outcome(lines.finish(complete), true);
  }

  /** Cuts characters into lines and delivers each whole one that is new. */
  private static final class LineSplitter {
    private final ResumePoint resume;
    private final LogLineSink sink;
    private final StringBuilder line = new StringBuilder();
    private int delivered;

    LineSplitter(ResumePoint resume, LogLineSink sink) {
      this.resume = resume;
      this.sink = sink;
    }

    void accept(int c) {
      if (c == '\n') {
        delivered += deliver(line.toString(), resume, sink);
        line.setLength(0);
      } else if (line.length() < MAX_LINE_CHARS) {
        line.append((char) c);
      }
    }

    int delivered() {
      return delivered;
    }

    /** A line cut off mid-way comes again, whole, on the next connection, unless none follows. */
    int finish(boolean complete) {
      if (complete && !line.isEmpty()) {
        delivered += deliver(line.toString(), resume, sink);
      }
      return delivered;
    }
  }

  private static int deliver(String raw, ResumePoint resume, LogLineSink sink) {
    var parsed = TimestampedLine.parse(raw);
    if (parsed.isEmpty()) {
      sink.line(null, raw);
      return 1;
    }
    if (!resume.admit(parsed.get().timestamp())) {
      return 0;
    }
    sink.line(parsed.get().timestamp(), parsed.get().text());
    return 1;
  }

  /**
   * The first request of a read asks what the query asks; a reconnect asks from where the
   * lines it delivered stopped, which replaces the query's {@code sinceTime} and {@code tailLines}.
   */
  private String url(Pod pod, LogQuery query, ResumePoint resume) {
    StringBuilder url = PodLogRequest.address(client, pod).append("&timestamps=true");
    if (query.follow()) {
      url.append("&follow=true");
    }
    Optional<Instant> since = resume.sinceTime().or(query::sinceTime);
    since.ifPresent(time -> url.append("&sinceTime=")
        .append(URLEncoder.encode(time.truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8)));
    if (resume.cursor().isEmpty()) {
      query.tailLines().ifPresent(lines -> url.append("&tailLines=").append(lines));
    }
    return url.toString();
  }
}
