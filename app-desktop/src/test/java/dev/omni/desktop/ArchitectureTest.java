package dev.omni.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.omni.core.Omni;
import dev.omni.testing.SourcePackages;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of DESIGN.md as they concern the desktop app: it uses core and sync-client, never the
 * CLI or the server; view models never touch the scene graph or windows (so that they are tested
 * without the FX toolkit); core never imports JavaFX. Its packages have no cycles, and it never
 * touches the store: view models call core's use cases, never JDBC, the database or the object store.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.omni");
    }

    @Test
    void theDesktopAppUsesNeitherTheCliNorTheServer() {
        noClasses().that().resideInAPackage("dev.omni.desktop..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.omni.cli..", "dev.omni.server..", "picocli..")
                .check(classes);
    }

    @Test
    void viewModelsDoNotTouchScenesOrWindows() {
        noClasses().that().resideInAnyPackage("dev.omni.desktop.viewmodel..", "dev.omni.desktop.task..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(classes);
    }

    @Test
    void coreImportsNoJavaFx() {
        noClasses().that().resideInAPackage("dev.omni.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.omni.desktop..")
                .check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.omni.desktop.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theDesktopAppNeverTouchesTheStore() {
        noClasses().that().resideInAPackage("dev.omni.desktop..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "dev.omni.core.store..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.omni.desktop..")
                .should().callMethod(Omni.class, "db").orShould().callMethod(Omni.class, "objects")
                .check(classes);
    }

    @Test
    void everyPackageSaysWhatItOwns() {
        assertThat(SourcePackages.withoutPackageInfo(Path.of("src/main/java"))).as("packages without a package-info.java").isEmpty();
    }
}
