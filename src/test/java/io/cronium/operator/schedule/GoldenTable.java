package io.cronium.operator.schedule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a golden table from {@code src/test/resources/schedule/}: one case per line, cells
 * separated by '|', blank lines and lines starting with '#' ignored. Instants are ISO date-times
 * with an offset, so expected DST values read as the wall clock shows them.
 */
final class GoldenTable {

  static final String NONE = "-";
  static final String INVALID = "INVALID:";

  /** One line of a table; its name (line number and text) identifies the case in test reports. */
  record Row(String file, int line, List<String> cells) {
    String cell(int index) {
      return cells.get(index);
    }

    @Override
    public String toString() {
      return file + ":" + line + " " + String.join(" | ", cells);
    }
  }

  private GoldenTable() {}

  static Stream<Row> rows(String file, int columns) {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = GoldenTable.class.getResourceAsStream("/schedule/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing golden table " + file);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank() || text.startsWith("#")) {
          continue;
        }
        List<String> cells = Arrays.stream(text.split("\\|", -1)).map(String::trim).toList();
        if (cells.size() != columns) {
          throw new IllegalStateException(
              file + ":" + line + " has " + cells.size() + " cells, expected " + columns);
        }
        rows.add(new Row(file, line, cells));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows.stream();
  }

  static Instant instant(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  /** A space-separated list of instants; "-" is the empty list. */
  static List<Instant> instants(String text) {
    if (text.equals(NONE)) {
      return List.of();
    }
    return Arrays.stream(text.split("\\s+")).map(GoldenTable::instant).toList();
  }
}
