package dev.omni.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of DESIGN.md: core depends on nothing of ours and on no UI, CLI or HTTP
 * library; the CLI may use core (and sync-client once it exists), never the server or the GUI.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.omni");
    }

    @Test
    void coreImportsNoFrontEndOrNetworkLibrary() {
        noClasses().that().resideInAPackage("dev.omni.core..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "javafx..", "me.tongfei..",
                        "java.net.http..", "org.eclipse.jetty..", "io.javalin..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void coreDependsOnNoOtherOmniModule() {
        noClasses().that().resideInAPackage("dev.omni.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.omni.cli..", "dev.omni.sync..",
                        "dev.omni.server..", "dev.omni.desktop..", "dev.omni.mcp..")
                .check(classes);
    }

    @Test
    void coreImportsNoMcpLibrary() {
        noClasses().that().resideInAPackage("dev.omni.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.modelcontextprotocol..", "reactor..")
                .check(classes);
    }

    @Test
    void cliDoesNotUseServerOrDesktop() {
        noClasses().that().resideInAPackage("dev.omni.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.omni.server..", "dev.omni.desktop..")
                .check(classes);
    }
}
