package io.cronium.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.operator.event.EventReasons;
import io.cronium.operator.event.IncidentType;
import io.cronium.operator.jobrun.JobRunReasons;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every reason the operator can write (JobRun reasons, Event condition reasons, incident types)
 * has an entry in the troubleshooting guide, and the guide has no other.
 */
class TroubleshootingGuideTest {

  @Test
  void guideHeadingsMatchTheReasonConstants() throws IOException {
    Set<String> reasons =
        Stream.of(JobRunReasons.class, EventReasons.class)
            .flatMap(constants -> Arrays.stream(constants.getDeclaredFields()))
            .filter(field -> Modifier.isStatic(field.getModifiers()))
            .map(TroubleshootingGuideTest::value)
            .collect(Collectors.toCollection(HashSet::new));
    Arrays.stream(IncidentType.values()).map(Enum::name).forEach(reasons::add);
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
