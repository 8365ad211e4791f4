package dev.omni.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.omni.core.Omni;
import dev.omni.testing.SourcePackages;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sync-client's place in the house: it speaks HTTP to the server and drives core's use cases,
 * never core's store (no JDBC, no {@code Database}, no {@code Omni.db()}); its packages (the root
 * one included) have no cycles; and it uses only the libraries it was made with.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.omni.sync");
    }

    /** Each package of sync-client is a slice, {@code dev.omni.sync} itself too. */
    static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals("dev.omni.sync")) {
                return SliceIdentifier.of("sync");
            }
            return p.startsWith("dev.omni.sync.") ? SliceIdentifier.of(p.substring("dev.omni.sync.".length()).split("\\.")[0])
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of dev.omni.sync";
        }
    };

    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(classes);
    }

    @Test
    void neverTouchesCoresStore() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "dev.omni.core.store..")
                .check(classes);
        noClasses().should().callMethod(Omni.class, "db").check(classes);
    }

    @Test
    void dependsOnlyOnCoreTheJdkAndItsOwnLibraries() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("dev.omni.sync..", "dev.omni.core..", "dev.omni.wire..", "java..", "javax..",
                        "com.fasterxml.jackson..", "com.github.javakeyring..", "com.github.luben.zstd..")
                .check(classes);
    }

    @Test
    void usesNeitherTheServerNorAFrontEnd() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.omni.server..", "dev.omni.cli..", "dev.omni.desktop..",
                        "picocli..", "javafx..")
                .check(classes);
    }

    @Test
    void everyPackageSaysWhatItOwns() {
        assertThat(SourcePackages.withoutPackageInfo(Path.of("src/main/java"))).as("packages without a package-info.java").isEmpty();
    }

    @Test
    void messagesSayWhatHappenedAndLeaveTheRemedyToTheFrontEnds() {
        // "run 'omni merge --abort'" is the CLI's to say; the desktop app says it its own way.
        assertThat(SourcePackages.literalsMatching(Path.of("src/main/java"), java.util.regex.Pattern.compile("'omni [a-z]")))
                .as("string literals that tell the user to run an omni command").isEmpty();
    }
}
