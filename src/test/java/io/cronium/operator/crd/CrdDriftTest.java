package io.cronium.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.operator.testing.LocalClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed crds/ are what the build generates from the Java model. A {@code @QuarkusTest}
 * so that the build step that writes target/kubernetes/ has run before the comparison.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterResource.class, restrictToAnnotatedClass = true)
class CrdDriftTest {

  @ParameterizedTest
  @ValueSource(strings = {"events.cronium.io-v1.yml", "jobruns.cronium.io-v1.yml"})
  void committedCrdMatchesTheGeneratedOne(String file) throws IOException {
    String generated = Files.readString(Path.of("target/kubernetes", file));
    String committed = Files.readString(Path.of("crds", file));

    assertThat(committed)
        .as("crds/%s is stale: run `make crds` and commit the result", file)
        .isEqualTo(generated);
  }
}
