package io.cronium.operator.jobrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

/**
 * Reassembles an output that runtime-api printed as {@code ::cronium-output:: <seq>/<total>
 * <base64>} lines right before its result line (docs/runtime-contract.md). Container runtimes may
 * split any line where their read buffer ends (conmon reads 8 KiB at a time), so the chunks are
 * read as one text with line breaks dropped: base64 never contains the marker or a line break.
 * Reading starts at the last first chunk, so a script printing the marker earlier changes nothing.
 */
final class OutputChunks {

  static final String MARKER = "::cronium-output::";
  /** 1 MiB of output JSON in chunks of 4 KiB raw bytes: more means it is not runtime-api's. */
  static final int MAX_CHUNKS = 256;

  private static final int CHUNK_BYTES = 4096;

  private OutputChunks() {}

  /**
   * The output carried by the {@code total} chunks at the end of {@code logBeforeResult}.
   *
   * @throws UnreadableOutputException naming the first chunk that is missing, misplaced or broken
   */
  static JsonNode decode(String logBeforeResult, int total) {
    if (total < 1 || total > MAX_CHUNKS) {
      throw new UnreadableOutputException(
          "the result announces " + total + " output chunks, not 1 to " + MAX_CHUNKS);
    }
    String unbroken = logBeforeResult.replaceAll("[\\r\\n]", "");
    int first = unbroken.lastIndexOf(header(1, total));
    String joined = first < 0 ? "" : unbroken.substring(first);
    String[] chunks = joined.split(MARKER + " ", -1);
    ByteArrayOutputStream json = new ByteArrayOutputStream(total * CHUNK_BYTES);
    for (int seq = 1; seq <= total; seq++) {
      // chunks[0] is the empty text before the first marker.
      String chunk = seq < chunks.length ? MARKER + " " + chunks[seq] : "";
      json.writeBytes(chunk(chunk, seq, total));
    }
    if (chunks.length > total + 1) {
      throw new UnreadableOutputException("the log holds more than " + total + " output chunks");
    }
    try {
      return Serialization.jsonMapper().readTree(json.toByteArray());
    } catch (IOException e) {
      throw new UnreadableOutputException("the reassembled output is not JSON");
    }
  }

  /** Where runtime-api's chunks begin in a log, or -1: what follows is not the script's. */
  static int start(String log) {
    return log.lastIndexOf(MARKER + " 1/");
  }

  private static String header(int seq, int total) {
    return MARKER + " " + seq + "/" + total + " ";
  }

  private static byte[] chunk(String line, int seq, int total) {
    String expected = header(seq, total);
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
          "output chunk " + seq + " of " + total + " is not base64");
    }
  }
}
