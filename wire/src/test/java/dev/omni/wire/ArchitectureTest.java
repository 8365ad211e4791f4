package dev.omni.wire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The wire types are the protocol's contract: they depend on nothing of omni and on no HTTP or SQL library. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.omni.wire");

    @Test
    void wireTypesDependOnNothingOfOmni() {
        noClasses().that().resideInAPackage("dev.omni.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.omni.core..", "dev.omni.sync..", "dev.omni.server..",
                        "dev.omni.cli..", "dev.omni.desktop..")
                .check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        // One package today; the rule holds the day it is split.
        slices().matching("dev.omni.wire.(**)").should().beFreeOfCycles().allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void thePackageSaysWhatItOwns() {
        assertThat(Path.of("src/main/java/dev/omni/wire/package-info.java")).exists();
    }

    @Test
    void wireTypesUseNoHttpOrSqlLibrary() {
        noClasses().that().resideInAPackage("dev.omni.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "java.sql..", "org.eclipse.jetty..")
                .check(CLASSES);
    }
}
