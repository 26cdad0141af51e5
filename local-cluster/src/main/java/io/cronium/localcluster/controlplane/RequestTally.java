package io.cronium.localcluster.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Counts the requests the API server answered for some users, by HTTP method and resource (e.g.
 * {@code "POST jobruns"}, {@code "PATCH jobruns/status"}), read from the API server's audit log: what a
 * benchmark or test needs to measure how many calls an operator makes per unit of work.
 */
public final class RequestTally {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> METHODS = Map.of("create", "POST", "update", "PUT", "patch", "PATCH",
      "delete", "DELETE", "deletecollection", "DELETE", "get", "GET", "list", "GET", "watch", "GET");

  private final Path auditLog;
  private final Predicate<String> users;
  private long offset;

  RequestTally(Path auditLog, Predicate<String> users) {
    this.auditLog = auditLog;
    this.users = users;
  }

  /** The counts since creation or the last {@link #reset()}, sorted by key. */
  public synchronized Map<String, Long> snapshot() {
    Map<String, Long> counts = new TreeMap<>();
    forEachRequest((request, event) -> counts.merge(request, 1L, Long::sum));
    return counts;
  }

  /**
   * When the API server completed each successful {@code request} (e.g. {@code "POST jobruns"})
   * since creation or the last {@link #reset()}: for a create, when the object came to exist.
   */
  public synchronized List<Instant> completedAt(String request) {
    List<Instant> times = new ArrayList<>();
    forEachRequest((key, event) -> {
      if (key.equals(request) && event.path("responseStatus").path("code").asInt() / 100 == 2) {
        times.add(Instant.parse(event.path("stageTimestamp").asText()));
      }
    });
    return times;
  }

  private void forEachRequest(BiConsumer<String, JsonNode> action) {
    if (!Files.exists(auditLog)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(auditLog, StandardOpenOption.READ)) {
      channel.position(Math.min(offset, channel.size()));
      byte[] written = Channels.newInputStream(channel).readAllBytes();
      // The API server may be writing the last line right now: only whole lines count.
      int end = lastLineBreak(written);
      BufferedReader lines = new BufferedReader(new InputStreamReader(
          new ByteArrayInputStream(written, 0, end + 1), StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode event = JSON.readTree(line);
        String request = request(event);
        if (request != null) {
          action.accept(request, event);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int lastLineBreak(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The request's key, e.g. {@code "PATCH jobruns/status"}; null for a request not counted. */
  private String request(JsonNode event) {
    JsonNode resource = event.path("objectRef").path("resource");
    if (resource.isMissingNode() || !users.test(event.path("user").path("username").asText())) {
      return null;
    }
    String verb = event.path("verb").asText();
    String subresource = event.path("objectRef").path("subresource").asText("");
    return METHODS.getOrDefault(verb, verb.toUpperCase()) + " " + resource.asText()
        + (subresource.isEmpty() ? "" : "/" + subresource);
  }

  /** Requests that change state: POST, PUT, PATCH and DELETE. */
  public long writes() {
    return snapshot().entrySet().stream()
        .filter(entry -> !entry.getKey().startsWith("GET "))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Counts only what comes after now. */
  public synchronized void reset() {
    try {
      offset = Files.exists(auditLog) ? Files.size(auditLog) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
