package dev.omni.core.diff;

import static dev.omni.core.testing.Trees.exec;
import static dev.omni.core.testing.Trees.link;
import static dev.omni.core.testing.Trees.with;
import static dev.omni.core.testing.Trees.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.testing.Trees;
import dev.omni.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What changed between two trees, path by path, and the line diffs of the changed files. */
class DiffServiceTest {
    private static final Map<String, Object> BEFORE = before();

    @TempDir
    static Path dir;
    static Omni omni;
    static Trees trees;
    static DiffService diff;

    private static Map<String, Object> before() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        m.put("b.txt", "b\n");
        m.put("run.sh", "#!/bin/sh\n");
        m.put("link", link("a.txt"));
        m.put("img.bin", new byte[] {0, 1, 2, 3});
        m.put("src/main/App.java", "class App {}\n");
        m.put("src/test/AppTest.java", "class AppTest {}\n");
        return m;
    }

    @BeforeAll
    static void open() {
        omni = TestHomes.open(dir.resolve("home"), dir);
        trees = new Trees(omni, dir.resolve("trees"));
        diff = new DiffService(omni);
    }

    @AfterAll
    static void close() {
        omni.close();
    }

    private static List<String> changes(Map<String, Object> after, java.util.function.Predicate<String> filter) {
        DiffService.Side a = diff.snapshotSide(trees.tree(BEFORE));
        DiffService.Side b = diff.snapshotSide(trees.tree(after));
        return diff.changes(a, b, filter).stream().map(c -> c.kind().letter() + " " + c.path() + (c.modeOnly() ? " (mode)" : ""))
                .toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing", BEFORE, List.of()),
                Arguments.of("a file added", with(BEFORE, "c.txt", "c\n"), List.of("A c.txt")),
                Arguments.of("a file modified", with(BEFORE, "b.txt", "B\n"), List.of("M b.txt")),
                Arguments.of("a file deleted", without(BEFORE, "b.txt"), List.of("D b.txt")),
                Arguments.of("only the executable bit", with(BEFORE, "run.sh", exec("#!/bin/sh\n")), List.of("M run.sh (mode)")),
                Arguments.of("a symlink pointed elsewhere", with(BEFORE, "link", link("b.txt")), List.of("M link")),
                Arguments.of("a whole directory deleted", without(without(BEFORE, "src/main/App.java"), "src/test/AppTest.java"),
                        List.of("D src/main/App.java", "D src/test/AppTest.java")),
                Arguments.of("a file that became a directory", with(without(BEFORE, "b.txt"), "b.txt/inner", "i\n"),
                        List.of("D b.txt", "A b.txt/inner")),
                Arguments.of("several changes, in path order", with(with(without(BEFORE, "a.txt"), "src/main/App.java", "class App { }\n"),
                        "0.txt", "zero\n"), List.of("A 0.txt", "D a.txt", "M src/main/App.java")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsEveryChangedPathOnceWithHowItChanged(String name, Map<String, Object> after, List<String> expected) {
        assertThat(changes(after, null)).containsExactlyElementsOf(expected);
    }

    @Test
    void aPathFilterKeepsOnlyWhatItAccepts() {
        Map<String, Object> after = with(with(BEFORE, "src/main/App.java", "class App { }\n"), "b.txt", "B\n");
        assertThat(changes(after, p -> p.startsWith("src/"))).containsExactly("M src/main/App.java");
    }

    @Test
    void aTextChangeIsAUnifiedDiffWithItsCounts() {
        DiffService.Side a = diff.snapshotSide(trees.tree(BEFORE));
        DiffService.Side b = diff.snapshotSide(trees.tree(with(BEFORE, "a.txt", "1\n2\nthree\n4\n5\n6\n7\n8\n9\nten\n")));
        List<Change> changes = diff.changes(a, b, null);

        FileDiff d = diff.content(changes.get(0), a, b, 1);

        assertThat(d.binary()).isFalse();
        assertThat(d.added()).isEqualTo(2);
        assertThat(d.removed()).isEqualTo(1);
        assertThat(d.hunks()).isEqualTo("@@ -2,3 +2,3 @@\n 2\n-3\n+three\n 4\n@@ -9 +9,2 @@\n 9\n+ten\n");
    }

    @Test
    void binaryFilesAndModeOnlyChangesHaveNoLineDiff() {
        DiffService.Side a = diff.snapshotSide(trees.tree(BEFORE));
        DiffService.Side b = diff.snapshotSide(trees.tree(with(with(BEFORE, "img.bin", new byte[] {0, 9}), "run.sh",
                exec("#!/bin/sh\n"))));
        List<FileDiff> diffs = diff.contents(diff.changes(a, b, null), a, b, 3);
        assertThat(diffs).extracting(d -> d.change().path()).containsExactly("img.bin", "run.sh");
        assertThat(diffs.get(0).binary()).isTrue();
        assertThat(diffs.get(0).hunks()).isEmpty();
        assertThat(diffs.get(1).binary()).isFalse();
        assertThat(diffs.get(1).hunks()).isEmpty();
    }

    @Test
    void theWorkingCopySideReadsUncommittedFilesFromDisk() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Trees.write(ws, BEFORE);
        WorkspaceLifecycle.Initialized init = new WorkspaceLifecycle(omni).init(ws, "ws", null, "t",
                SnapshotService.Options.of("first", "cli"), Warnings.IGNORE, Progress.NONE);
        Workspace w = init.workspace();
        Files.writeString(ws.resolve("b.txt"), "b, not snapshotted\n");
        Files.writeString(ws.resolve("new.txt"), "new\n");

        DiffService.Side head = diff.snapshotSide(init.snapshot().manifestHash());
        DiffService.Side work = diff.workingSide(w, Warnings.IGNORE, Progress.NONE);
        List<Change> changes = diff.changes(head, work, null);

        assertThat(changes).extracting(c -> c.kind().letter() + " " + c.path()).containsExactly("M b.txt", "A new.txt");
        assertThat(diff.content(changes.get(0), head, work, 3).hunks()).contains("-b\n", "+b, not snapshotted\n");
        assertThat(omni.objects().contains(changes.get(1).after().hash())).as("a diff stores nothing").isFalse();
    }
}
