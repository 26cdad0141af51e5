package io.cronium.operator.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart as rendered: every YAML document in the directories named by the system property
 * {@code chart.manifests} (comma-separated; make chart-check passes its renders), by default
 * {@code deploy/}, which hack/render-deploy.sh generates from the chart.
 */
record RenderedManifests(Path directory, List<String> documents) {

  static List<RenderedManifests> underTest() {
    return Arrays.stream(System.getProperty("chart.manifests", "deploy").split(","))
        .map(String::strip)
        .filter(dir -> !dir.isEmpty())
        .map(dir -> load(Path.of(dir)))
        .toList();
  }

  static RenderedManifests load(Path directory) {
    List<String> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
          Object parsed = Serialization.unmarshal(document, Object.class);
          if (parsed instanceof Map<?, ?> map && !map.isEmpty()) {
            documents.add(document);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (documents.isEmpty()) {
      throw new IllegalStateException("no manifests in " + directory.toAbsolutePath());
    }
    return new RenderedManifests(directory, documents);
  }

  /** Every document as its typed fabric8 model (Jackson fails on a value of the wrong type). */
  List<HasMetadata> objects() {
    return documents.stream().map(document -> (HasMetadata) Serialization.unmarshal(document)).toList();
  }

  @Override
  public String toString() {
    return directory.toString();
  }
}
