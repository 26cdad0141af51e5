package io.cronium.operator.jobrun;

import io.cronium.contract.OutputChunks;
import io.cronium.contract.ScriptLog;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/** Reads a finished run's log through {@code pods/log}: the kept tail and a marked result line. */
final class RunLogReader {

  private static final Logger LOG = Logger.getLogger(RunLogReader.class);
  /**
   * Lines requested from the kubelet: the output chunks and the result line come last, so these
   * always arrive whole and leave 5000 lines for the tail; the byte cap below is applied afterwards.
   */
  private static final int TAIL_LINES = 5000 + OutputChunks.MAX_CHUNKS + 1;
  /** Room for the result line, whose variable writes have no fixed bound of their own. */
  private static final int RESULT_LINE_BYTES = 256 * 1024;
  /** Until the API server starts answering: a node that does not answer it leaves the log unread. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final int tailBytes;

  RunLogReader(KubernetesClient client, int tailBytes) {
    this.client = client;
    this.tailBytes = tailBytes;
  }

  /**
   * The most of a log that is kept while reading it: every output chunk line, the result line and
   * the tail. 5000 lines can be any length, so the line count alone bounds nothing.
   */
  int maxBytes() {
    return OutputChunks.MAX_LOG_BYTES + RESULT_LINE_BYTES + tailBytes;
  }

  /** The run's log, or empty when the kubelet cannot serve it (Pod gone, node down). */
  Optional<String> read(Pod pod) {
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(PodLogRequest.address(client, pod).append("&tailLines=").append(TAIL_LINES).toString())
        .build();
    CompletableFuture<HttpResponse<InputStream>> sent = http.sendAsync(request, InputStream.class);
    try {
      HttpResponse<InputStream> response = sent.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!response.isSuccessful() || response.body() == null) {
        PodLogRequest.readRefusal(response.body());
        LOG.debugf("log of Pod %s unavailable: HTTP %d", pod.getMetadata().getName(), response.code());
        return Optional.empty();
      }
      return Optional.of(readToEnd(response.body()));
    } catch (ExecutionException | TimeoutException | IOException unavailable) {
      sent.cancel(true);
      LOG.debugf("log of Pod %s unavailable: %s", pod.getMetadata().getName(), unavailable.getMessage());
      return Optional.empty();
    } catch (InterruptedException interrupted) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The end of the log; the body is left open once read to its end (see PodLogRequest). */
  private String readToEnd(InputStream log) throws IOException {
    boolean ended = false;
    try {
      String end = LogEnd.of(log, maxBytes());
      ended = true;
      return end;
    } finally {
      if (!ended) {
        PodLogRequest.abandon(log);
      }
    }
  }

  /**
   * The last {@code tailBytes} of the log without the result and output chunk lines, cut at a
   * line start: the tail shows what the script printed.
   */
  String tail(String log) {
    String visible = ScriptLog.of(log);
    byte[] bytes = visible.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= tailBytes) {
      return visible;
    }
    String cut = new String(bytes, bytes.length - tailBytes, tailBytes, StandardCharsets.UTF_8);
    int firstNewline = cut.indexOf('\n');
    return firstNewline < 0 ? cut : cut.substring(firstNewline + 1);
  }
}
