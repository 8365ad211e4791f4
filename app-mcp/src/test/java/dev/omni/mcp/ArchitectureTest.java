package dev.omni.mcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MCP server is a front end: it calls core's use cases, never SQL, store classes or other front ends. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.omni.mcp");
    }

    @Test
    void theServerWritesNoSql() {
        noClasses().that().resideInAPackage("dev.omni.mcp..").should().dependOnClassesThat().resideInAnyPackage("java.sql..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.omni.core.store.Database").check(classes);
    }

    @Test
    void theServerUsesNoOtherFrontEnd() {
        noClasses().that().resideInAPackage("dev.omni.mcp..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.omni.cli..", "dev.omni.desktop..", "dev.omni.sync..", "dev.omni.server..", "picocli..")
                .check(classes);
    }
}
