package dev.omni.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.omni.testing.SourcePackages;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep core a house with rooms: no cycles between its packages, SQL only in the
 * packages that own tables and only in their package-private classes (the DAOs), and no JDBC type
 * in anything public outside the store itself. The root package ({@code Omni}, {@code Env},
 * {@code OmniException}, {@code Progress}, {@code Warnings}) is the kernel every package uses and
 * is not a slice.
 */
class ArchitectureTest {
    /** The packages that own tables (their DAOs hold the SQL); everything else in core has none. */
    static final String[] STORE_OWNING = {"dev.omni.core.store..", "dev.omni.core.objects..", "dev.omni.core.activity..",
        "dev.omni.core.outbox..", "dev.omni.core.workspace..", "dev.omni.core.snapshot..", "dev.omni.core.merge..",
        "dev.omni.core.memory..", "dev.omni.core.conversation..", "dev.omni.core.search..", "dev.omni.core.sync..",
        "dev.omni.core.agent.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.omni.core");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.omni.core.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void javaSqlOnlyInTheStoreOwningPackages() {
        noClasses().that().resideOutsideOfPackages(STORE_OWNING)
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(classes);
    }

    @Test
    void sqlIsWrittenOnlyInPackagePrivateClassesOutsideTheStore() {
        classes().that().resideOutsideOfPackage("dev.omni.core.store..")
                .and(callSql())
                .should().notBePublic()
                .check(classes);
    }

    @Test
    void noPublicMethodOutsideTheStoreTakesOrReturnsAJdbcType() {
        methods().that().arePublic().and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.omni.core.store..")
                .should(new ArchCondition<JavaMethod>("neither take nor return a java.sql type") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        boolean jdbc = m.getRawReturnType().getPackageName().startsWith("java.sql")
                                || m.getRawParameterTypes().stream().anyMatch(t -> t.getPackageName().startsWith("java.sql"));
                        if (jdbc) {
                            events.add(SimpleConditionEvent.violated(m, m.getFullName() + " has a java.sql type in its signature"));
                        }
                    }
                })
                .check(classes);
    }

    @Test
    void coreImportsNoFrontEndNetworkOrOtherOmniModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "javafx..", "me.tongfei..", "java.net.http..",
                        "org.eclipse.jetty..", "jakarta.servlet..", "dev.omni.cli..", "dev.omni.sync..", "dev.omni.server..",
                        "dev.omni.desktop..")
                .check(classes);
    }

    /** Classes that prepare statements or read result sets themselves: where SQL is written and rows are mapped. */
    private static DescribedPredicate<JavaClass> callSql() {
        return DescribedPredicate.describe("prepare SQL statements or read result sets", c -> c.getAccessesFromSelf().stream()
                .map(JavaAccess::getTargetOwner)
                .anyMatch(t -> t.getName().equals("java.sql.PreparedStatement") || t.getName().equals("java.sql.ResultSet")
                        || t.getName().equals("java.sql.Statement")));
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
