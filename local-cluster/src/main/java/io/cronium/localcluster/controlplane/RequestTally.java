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
import java.util.Map;
import java.util.TreeMap;
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
    if (!Files.exists(auditLog)) {
      return counts;
    }
    try (FileChannel channel = FileChannel.open(auditLog, StandardOpenOption.READ)) {
      channel.position(Math.min(offset, channel.size()));
      byte[] written = Channels.newInputStream(channel).readAllBytes();
      // The API server may be writing the last line right now: only whole lines count.
      int end = lastLineBreak(written);
      BufferedReader lines = new BufferedReader(new InputStreamReader(
          new ByteArrayInputStream(written, 0, end + 1), StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        count(JSON.readTree(line), counts);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  private static int lastLineBreak(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void count(JsonNode event, Map<String, Long> counts) {
    JsonNode resource = event.path("objectRef").path("resource");
    if (resource.isMissingNode() || !users.test(event.path("user").path("username").asText())) {
      return;
    }
    String verb = event.path("verb").asText();
    String subresource = event.path("objectRef").path("subresource").asText("");
    String key = METHODS.getOrDefault(verb, verb.toUpperCase()) + " " + resource.asText()
        + (subresource.isEmpty() ? "" : "/" + subresource);
    counts.merge(key, 1L, Long::sum);
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
