package dev.omni.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of DESIGN.md as they concern the desktop app: it uses core and sync-client, never the
 * CLI or the server; view models never touch the scene graph or windows (so that they are tested
 * without the FX toolkit); core never imports JavaFX.
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
}
