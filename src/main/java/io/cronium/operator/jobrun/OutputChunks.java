package io.cronium.operator.jobrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Reassembles an output that runtime-api printed as {@code ::cronium-output:: <seq>/<total>
 * <base64>} lines right before its result line (docs/runtime-contract.md). Only the lines
 * directly before the result line count, so a script printing the marker earlier changes nothing.
 */
final class OutputChunks {

  static final String MARKER = "::cronium-output::";
  /** 1 MiB of output JSON in chunks of 4 KiB raw bytes: more means it is not runtime-api's. */
  static final int MAX_CHUNKS = 256;

  private static final int CHUNK_BYTES = 4096;

  private OutputChunks() {}

  /**
   * The output carried by the last {@code total} lines of {@code linesBeforeResult}.
   *
   * @throws UnreadableOutputException naming the first chunk that is missing, misplaced or broken
   */
  static JsonNode decode(List<String> linesBeforeResult, int total) {
    if (total < 1 || total > MAX_CHUNKS) {
      throw new UnreadableOutputException(
          "the result announces " + total + " output chunks, not 1 to " + MAX_CHUNKS);
    }
    int first = linesBeforeResult.size() - total;
    ByteArrayOutputStream json = new ByteArrayOutputStream(total * CHUNK_BYTES);
    for (int seq = 1; seq <= total; seq++) {
      int index = first + seq - 1;
      String line = index < 0 ? "" : linesBeforeResult.get(index);
      json.writeBytes(chunk(line, seq, total));
    }
    try {
      return Serialization.jsonMapper().readTree(json.toByteArray());
    } catch (IOException e) {
      throw new UnreadableOutputException("the reassembled output is not JSON");
    }
  }

  /** Whether a log line is one of these chunks, which the kept log tail leaves out. */
  static boolean isChunk(String line) {
    return line.startsWith(MARKER + " ");
  }

  private static byte[] chunk(String line, int seq, int total) {
    String expected = MARKER + " " + seq + "/" + total + " ";
    if (!line.startsWith(expected)) {
      throw new UnreadableOutputException(
          "output chunk " + seq + " of " + total + " is missing or out of order in the log");
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(line.substring(expected.length()).strip());
      if (bytes.length > CHUNK_BYTES) {
        throw new UnreadableOutputException("output chunk " + seq + " of " + total + " is too long");
      }
      return bytes;
    } catch (IllegalArgumentException notBase64) {
      throw new UnreadableOutputException(
          "output chunk " + seq + " of " + total + " is not base64 (the log line was cut?)");
    }
  }
}
