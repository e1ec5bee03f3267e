package dev.flotilla.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The server's feature packages depend on each other without cycles, and the shared store layer
 * depends on no feature. Checked on the compiled main classes; a fixture with a deliberate cycle
 * shows the rule fails when a cycle appears.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.flotilla.server";
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  private static ArchRule noCyclesUnder(String root) {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles();
  }

  @Test
  void featurePackagesFormNoCycles() {
    noCyclesUnder(ROOT).check(MAIN);
  }

  @Test
  void theSharedStoreLayerDependsOnNoFeature() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".agents..",
            ROOT + ".api..",
            ROOT + ".commands..",
            ROOT + ".config..",
            ROOT + ".configs..",
            ROOT + ".rollout..",
            ROOT + ".opamp..",
            ROOT + ".metrics..")
        .check(MAIN);
  }

  @Test
  void onlyTheRootPackageSeesEveryFeature() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT)
        .and()
        .resideInAPackage(ROOT + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT)
        .check(MAIN);
  }

  @Test
  void theCycleRuleFailsOnACycle() {
    JavaClasses fixture = new ClassFileImporter().importPackages(ROOT + ".archfixture");
    assertThatThrownBy(() -> noCyclesUnder(ROOT + ".archfixture").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle")
        .hasMessageContaining("left")
        .hasMessageContaining("right");
  }
}
