package io.cronium.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.EventReasons;
import io.cronium.api.v1alpha1.IncidentType;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.operator.observability.KubernetesEventReasons;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every reason the operator can write — the String constants of every {@code *Reasons} class
 * (JobRun reasons, Event condition reasons, Kubernetes Event reasons) and the incident types,
 * which are also Kubernetes Event reasons — has an entry in the troubleshooting guide after its
 * "# Reasons" line, and the guide has no other there. (The symptoms come before it.)
 */
class TroubleshootingGuideTest {

  @Test
  void guideHeadingsMatchTheReasonConstants() throws IOException {
    List<Class<?>> reasonClasses = reasonClasses();
    assertThat(reasonClasses)
        .contains(JobRunReasons.class, EventReasons.class, KubernetesEventReasons.class);
    Set<String> reasons =
        reasonClasses.stream()
            .flatMap(constants -> Arrays.stream(constants.getDeclaredFields()))
            .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
            .map(TroubleshootingGuideTest::value)
            .collect(Collectors.toCollection(HashSet::new));
    Arrays.stream(IncidentType.values()).map(Enum::name).forEach(reasons::add);

    List<String> lines = Files.readAllLines(Path.of("docs/troubleshooting.md"));
    Set<String> headings =
        lines.subList(lines.indexOf("# Reasons"), lines.size()).stream()
            .filter(line -> line.startsWith("## "))
            .map(line -> line.substring(3).strip())
            .collect(Collectors.toSet());

    assertThat(headings).isEqualTo(reasons);
  }

  /** Every class named {@code *Reasons} in the operator, its api module and the tools module it sends with. */
  private static List<Class<?>> reasonClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.cronium.operator", "io.cronium.api", "io.cronium.tools")
        .stream()
        .filter(type -> type.getSimpleName().endsWith("Reasons"))
        .<Class<?>>map(JavaClass::reflect)
        .toList();
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
