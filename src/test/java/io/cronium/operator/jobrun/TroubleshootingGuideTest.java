package io.cronium.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every reason the operator can write has an entry in the troubleshooting guide, and no more. */
class TroubleshootingGuideTest {

  @Test
  void guideHeadingsMatchTheReasonConstants() throws IOException {
    Set<String> reasons =
        Arrays.stream(JobRunReasons.class.getDeclaredFields())
            .filter(field -> Modifier.isStatic(field.getModifiers()))
            .map(TroubleshootingGuideTest::value)
            .collect(Collectors.toSet());
    Set<String> headings =
        Files.readAllLines(Path.of("docs/troubleshooting.md")).stream()
            .filter(line -> line.startsWith("## "))
            .map(line -> line.substring(3).strip())
            .collect(Collectors.toSet());

    assertThat(headings).isEqualTo(reasons);
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
