package dev.omni.cli;

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
 * The module arrows of DESIGN.md: core depends on nothing of ours and on no UI, CLI or HTTP
 * library; the CLI may use core and sync-client, never the server or the GUI. Inside the CLI: no
 * cycles between its packages, no command that depends on {@link Main} (the registry of commands),
 * and no store: commands call core's use cases, never JDBC, the database or the object store.
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

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.omni.cli.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noCommandDependsOnTheRegistryOfCommands() {
        noClasses().that().resideInAnyPackage("dev.omni.cli.commands..", "dev.omni.cli.support..")
                .should().dependOnClassesThat().haveFullyQualifiedName(Main.class.getName())
                .check(classes);
    }

    @Test
    void theCliNeverTouchesTheStore() {
        noClasses().that().resideInAPackage("dev.omni.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "dev.omni.core.store..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.omni.cli..")
                .should().callMethod(Omni.class, "db").orShould().callMethod(Omni.class, "objects")
                .check(classes);
    }

    @Test
    void everyPackageSaysWhatItOwns() {
        assertThat(SourcePackages.withoutPackageInfo(Path.of("src/main/java"))).as("packages without a package-info.java").isEmpty();
    }
}
