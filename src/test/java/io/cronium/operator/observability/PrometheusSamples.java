package io.cronium.operator.observability;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The samples of a Prometheus text exposition, for assertions on a scrape. */
record PrometheusSamples(List<Sample> samples) {

  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static PrometheusSamples parse(String text) {
    return new PrometheusSamples(
        text.lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .map(PrometheusSamples::sample)
            .toList());
  }

  private static Sample sample(String line) {
    Matcher matcher = LINE.matcher(line.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a Prometheus sample: " + line);
    }
    Map<String, String> labels =
        matcher.group(2) == null
            ? Map.of()
            : LABEL.matcher(matcher.group(2)).results()
                .collect(Collectors.toMap(label -> label.group(1), label -> label.group(2)));
    return new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3)));
  }

  /** The value of the one sample with this name whose labels include {@code labels}. */
  Optional<Double> value(String name, Map<String, String> labels) {
    List<Sample> matching =
        samples.stream()
            .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
            .toList();
    if (matching.size() > 1) {
      throw new IllegalStateException(matching.size() + " samples match " + name + labels);
    }
    return matching.stream().findFirst().map(Sample::value);
  }
}
