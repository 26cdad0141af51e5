package io.cronium.operator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules docs/architecture.md draws, checked on the compiled operator. */
class ArchitectureTest {

  private static final JavaClasses OPERATOR =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.cronium.operator");

  @Test
  void operatorPackagesDependOnEachOtherOneWayOnly() {
    slices().matching("io.cronium.operator.(**)").should().beFreeOfCycles().check(OPERATOR);
  }

  @Test
  void scheduleMathAndTheConcurrencyPolicyArePureLogic() {
    noClasses()
        .that()
        .resideInAnyPackage("io.cronium.operator.schedule..", "io.cronium.operator.concurrency..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8.kubernetes.client..",
            "io.javaoperatorsdk..",
            "io.micrometer..",
            "jakarta..",
            "io.cronium.operator.event..",
            "io.cronium.operator.jobrun..",
            "io.cronium.operator.action..",
            "io.cronium.operator.logs..",
            "io.cronium.operator.observability..",
            "io.cronium.operator.config..")
        .check(OPERATOR);
  }
}
