package dev.nnj.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency direction of ARCHITECTURE.md, enforced. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.nnj.api", "dev.nnj.core");

    @Test
    void apiDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.nnj.api..").and().resideOutsideOfPackage("dev.nnj.api.testkit..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.nnj.api..", "java..")
                .check(CLASSES);
    }

    @Test
    void onlyTheMathPackageUsesEjml() {
        noClasses().that().resideOutsideOfPackage("dev.nnj.core.math..")
                .should().dependOnClassesThat().resideInAPackage("org.ejml..").check(CLASSES);
    }

    @Test
    void onlyTheJsonPackageUsesJackson() {
        noClasses().that().resideOutsideOfPackage("dev.nnj.core.json..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml..").check(CLASSES);
    }

    @Test
    void onlyTheGuicePackageUsesGuice() {
        noClasses().that().resideOutsideOfPackage("dev.nnj.core.guice..")
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..").check(CLASSES);
    }

    @Test
    void theApiDoesNotKnowTheCore() {
        noClasses().that().resideInAPackage("dev.nnj.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.nnj.core..").check(CLASSES);
    }
}
