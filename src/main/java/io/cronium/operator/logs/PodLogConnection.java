package io.cronium.operator.logs;

import io.cronium.operator.jobrun.JobPodBuilder;
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
import java.util.concurrent.ExecutionException;

/** One {@code pods/log} request with timestamps, from a resume point, read line by line. */
final class PodLogConnection {

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
  Outcome read(Pod pod, boolean follow, ResumePoint resume, boolean complete, LogLineSink sink)
      throws InterruptedException {
    resume.reconnect();
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder().uri(url(pod, follow, resume)).build();
    HttpResponse<InputStream> response;
    try {
      response = http.sendAsync(request, InputStream.class).get();
    } catch (ExecutionException unreachable) {
      return new Outcome(0, false);
    }
    if (!response.isSuccessful() || response.body() == null) {
      closeQuietly(response.body());
      return new Outcome(0, false);
    }
    int delivered = 0;
    try (Reader body = new InputStreamReader(response.body(), StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = body.read()) >= 0) {
        if (c == '\n') {
          delivered += deliver(line.toString(), resume, sink);
          line.setLength(0);
        } else {
          line.append((char) c);
        }
      }
      // A line cut off mid-way comes again, whole, on the next connection.
      if (complete && !line.isEmpty()) {
        delivered += deliver(line.toString(), resume, sink);
      }
      return new Outcome(delivered, true);
    } catch (IOException broken) {
      return new Outcome(delivered, false);
    }
  }

  private static void closeQuietly(InputStream body) {
    if (body == null) {
      return;
    }
    try {
      body.close();
    } catch (IOException alreadyBroken) {
      // nothing more to read from it either way
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

  private String url(Pod pod, boolean follow, ResumePoint resume) {
    String master = client.getMasterUrl().toString();
    StringBuilder url = new StringBuilder(master.endsWith("/") ? master : master + "/")
        .append("api/v1/namespaces/").append(pod.getMetadata().getNamespace())
        .append("/pods/").append(pod.getMetadata().getName())
        .append("/log?container=").append(JobPodBuilder.CONTAINER_NAME)
        .append("&timestamps=true");
    if (follow) {
      url.append("&follow=true");
    }
    resume.sinceTime().ifPresent(since ->
        url.append("&sinceTime=").append(URLEncoder.encode(since.toString(), StandardCharsets.UTF_8)));
    return url.toString();
  }
}
