package dev.omni.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.omni.server.storage.Migration;
import dev.omni.server.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's arrows of DESIGN.md: the protocol's types come from dev.omni.wire (shared with the
 * client); from core it uses only the object model (dev.omni.core.model) and, in its SQLite store,
 * the shared SQLite plumbing (dev.omni.core.store.sqlite); nothing of the CLI, the sync client or
 * the desktop app. Its packages form no cycle, and only its store packages speak SQL.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.omni.server");
    }

    @Test
    void serverUsesOnlyTheModelOfCore() {
        noClasses().that().resideInAPackage("dev.omni.server..")
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "in dev.omni.core but not in dev.omni.core.model or dev.omni.core.store.sqlite",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.omni.core")
                                && !c.getPackageName().equals("dev.omni.core.model")
                                && !c.getPackageName().startsWith("dev.omni.core.model.")
                                && !c.getPackageName().equals("dev.omni.core.store.sqlite")))
                .check(classes);
    }

    @Test
    void onlyTheSqliteStoreUsesCoresSqlitePlumbing() {
        noClasses().that().resideOutsideOfPackage("dev.omni.server.store.sqlite..")
                .should().dependOnClassesThat().resideInAPackage("dev.omni.core.store.sqlite..")
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
    void theDatabaseLibrariesStayInTheStorePackages() {
        noClasses().that().resideOutsideOfPackages("dev.omni.server.store..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sql..", "com.zaxxer.hikari..",
                        "org.postgresql..", "org.flywaydb..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void theS3ClientStaysInTheObjectStore() {
        noClasses().that().resideOutsideOfPackages("dev.omni.server.objects..")
                .and().doNotHaveFullyQualifiedName(Storage.class.getName())
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }

    @Test
    void onlyTheStorePackagesSpeakSql() {
        noClasses().that().resideOutsideOfPackage("dev.omni.server.store..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(classes);
    }

    @Test
    void everyPackageSaysWhatItOwnsInAPackageInfo() throws Exception {
        Path src = Path.of("src/main/java");
        try (Stream<Path> dirs = Files.walk(src)) {
            List<String> without = dirs.filter(Files::isDirectory)
                    .filter(d -> hasJava(d) && !Files.exists(d.resolve("package-info.java")))
                    .map(d -> src.relativize(d).toString()).toList();
            assertThat(without).isEmpty();
        }
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.omni.server.(**)").should().beFreeOfCycles().check(classes);
    }

    /**
     * The root package is the vocabulary every package shares (errors, options, ids) plus the
     * composition root that wires the packages together; with the two rules below it joins no
     * cycle either: the vocabulary depends on no package, and no package but the CLI depends on the
     * composition root.
     */
    @Test
    void theRootPackagesVocabularyDependsOnNoPackageOfTheServer() {
        noClasses().that().resideInAPackage("dev.omni.server")
                .and().doNotHaveFullyQualifiedName(OmniServer.class.getName())
                .and().doNotHaveFullyQualifiedName(ApiArea.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("dev.omni.server.(*)..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineUsesTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("dev.omni.server", "dev.omni.server.cli..")
                .should().dependOnClassesThat().haveFullyQualifiedName(OmniServer.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ApiArea.class.getName())
                .check(classes);
    }
}
