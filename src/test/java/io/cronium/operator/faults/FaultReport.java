package io.cronium.operator.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one fault case (counts, times), written to {@code target/faults/<case>.txt} even
 * when the case fails, so that a failure comes with its numbers.
 */
final class FaultReport {

  static final Path DIRECTORY = Path.of("target/faults");

  private final String caseName;
  private final Map<String, Object> figures = new LinkedHashMap<>();

  FaultReport(String caseName) {
    this.caseName = caseName;
  }

  /** Records {@code value} under {@code key}, replacing an earlier one. */
  FaultReport put(String key, Object value) {
    figures.put(key, value);
    return this;
  }

  void write() {
    StringBuilder text = new StringBuilder("# make test-faults: ").append(caseName).append('\n');
    figures.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
    try {
      Files.createDirectories(DIRECTORY);
      Files.writeString(DIRECTORY.resolve(caseName + ".txt"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.print(text);
  }
}
