package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogEndTest {

  /** A log of {@code lines} numbered lines, made as it is read: nothing holds it whole. */
  private static InputStream numberedLines(int lines) {
    return new InputStream() {
      private int line;
      private byte[] current = new byte[0];
      private int position;

      @Override
      public int read() {
        if (position == current.length) {
          if (line == lines) {
            return -1;
          }
          line++;
          current = String.format("line %08d %s%n", line, "x".repeat(40)).getBytes(StandardCharsets.UTF_8);
          position = 0;
        }
        return current[position++] & 0xff;
      }
    };
  }

  @Test
  void aFiftyMebibyteLogKeepsOnlyItsLastLinesWithinTheBound() throws IOException {
    int lines = 50 * 1024 * 1024 / 55;
    int maxBytes = 1024 * 1024;

    String end = LogEnd.of(numberedLines(lines), maxBytes);

    assertThat(end.length()).isLessThanOrEqualTo(maxBytes).isGreaterThan(maxBytes - 55);
    assertThat(end).startsWith("line ").endsWith(String.format("line %08d %s%n", lines, "x".repeat(40)));
  }

  @Test
  void aLogWithinTheBoundComesBackWhole() throws IOException {
    String log = "first\nsecond\nno line break at the end";

    assertThat(LogEnd.of(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), 1024)).isEqualTo(log);
  }

  @Test
  void aCutLogStartsAtALineStartNotInsideACharacter() throws IOException {
    String log = "ééééé\nkept\n";

    assertThat(LogEnd.of(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), 8)).isEqualTo("kept\n");
  }
}
