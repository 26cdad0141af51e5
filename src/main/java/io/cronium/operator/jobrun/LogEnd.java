package io.cronium.operator.jobrun;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The end of a log read from a stream in bounded memory: however long the log, at most
 * {@code maxBytes} are kept (a ring), and the text starts at a line start.
 */
final class LogEnd {

  private static final int READ_BLOCK = 64 * 1024;

  private LogEnd() {}

  static String of(InputStream log, int maxBytes) throws IOException {
    byte[] ring = new byte[maxBytes];
    byte[] block = new byte[Math.min(READ_BLOCK, maxBytes)];
    long total = 0;
    int read;
    while ((read = log.read(block)) >= 0) {
      for (int offset = 0; offset < read; ) {
        int at = (int) (total % maxBytes);
        int length = Math.min(read - offset, maxBytes - at);
        System.arraycopy(block, offset, ring, at, length);
        offset += length;
        total += length;
      }
    }
    if (total <= maxBytes) {
      return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
    }
    byte[] end = new byte[maxBytes];
    int start = (int) (total % maxBytes);
    System.arraycopy(ring, start, end, 0, maxBytes - start);
    System.arraycopy(ring, 0, end, maxBytes - start, start);
    int firstLine = 0;
    while (firstLine < end.length && end[firstLine] != '\n') {
      firstLine++;
    }
    return firstLine >= end.length
        ? ""
        : new String(end, firstLine + 1, end.length - firstLine - 1, StandardCharsets.UTF_8);
  }
}
