package dev.omni.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's arrows of DESIGN.md: from core it uses only the wire types (dev.omni.core.model),
 * and nothing of the CLI, the sync client or the desktop app.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.omni.server");
    }

    @Test
    void serverUsesOnlyTheWireTypesOfCore() {
        noClasses().that().resideInAPackage("dev.omni.server..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "in dev.omni.core but not in dev.omni.core.model",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("dev.omni.core")
                                && !c.getPackageName().equals("dev.omni.core.model")
                                && !c.getPackageName().startsWith("dev.omni.core.model.")))
                .check(classes);
    }

    @Test
    void serverDependsOnNoOtherOmniModule() {
        noClasses().that().resideInAPackage("dev.omni.server..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.omni.cli..", "dev.omni.sync..", "dev.omni.desktop..")
                .check(classes);
    }

    @Test
    void storageImplementationsStayBehindTheirInterfaces() {
        // Storage picks the backends; Migration reads one and writes the other.
        noClasses().that().resideOutsideOfPackages("dev.omni.server.store.sqlite..", "dev.omni.server.store.postgres..")
                .and().doNotHaveFullyQualifiedName(Storage.class.getName())
                .and().doNotHaveFullyQualifiedName(Migration.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("dev.omni.server.store.sqlite..",
                        "dev.omni.server.store.postgres..")
                .check(classes);
    }

    @Test
    void sqlStaysInTheStorePackages() {
        noClasses().that().resideOutsideOfPackages("dev.omni.server.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer.hikari..",
                        "org.postgresql..", "org.flywaydb..")
                .check(classes);
    }

    @Test
    void theS3ClientStaysInTheObjectStore() {
        noClasses().that().resideOutsideOfPackages("dev.omni.server.objects..")
                .and().doNotHaveFullyQualifiedName(Storage.class.getName())
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }
}
