package dev.omni.core.merge;

import static dev.omni.core.testing.Trees.exec;
import static dev.omni.core.testing.Trees.link;
import static dev.omni.core.testing.Trees.with;
import static dev.omni.core.testing.Trees.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Omni;
import dev.omni.core.TestHomes;
import dev.omni.core.merge.TreeMerge.Conflict;
import dev.omni.core.merge.TreeMerge.Outcome;
import dev.omni.core.merge.TreeMerge.Strategy;
import dev.omni.core.model.ObjectId;
import dev.omni.core.testing.Trees;
import dev.omni.core.tree.StoreTrees;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three-way tree merges, path by path: each case gives the base, ours and theirs, a strategy, and
 * the exact tree that must come out (compared by tree id: every byte, mode and link target), with
 * the outcome of each changed path and the conflicts.
 */
class TreeMergeTest {
    private static final String NINE = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    private static final Map<String, Object> BASE = base();

    @TempDir
    static Path dir;
    static Omni omni;
    static Trees trees;

    private static Map<String, Object> base() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a.txt", NINE);
        m.put("b.txt", "b\n");
        m.put("keep.txt", "keep\n");
        m.put("img.bin", new byte[] {0, 1, 2, 3});
        m.put("run.sh", "#!/bin/sh\necho hi\n");
        m.put("link", link("a.txt"));
        m.put("sub/x.txt", "x\n");
        m.put("sub/y.txt", "y\n");
        return m;
    }

    @BeforeAll
    static void open() {
        omni = TestHomes.open(dir.resolve("home"), dir);
        trees = new Trees(omni, dir.resolve("trees"));
    }

    @AfterAll
    static void close() {
        omni.close();
    }

    /** One scenario. {@code base} null: unrelated histories. */
    record Case(String name, Map<String, Object> base, Map<String, Object> ours, Map<String, Object> theirs, Strategy strategy,
                Map<String, Object> expected, Map<String, Outcome> outcomes, Map<String, Conflict.Kind> conflicts) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case merge(String name, Map<String, Object> ours, Map<String, Object> theirs, Strategy strategy,
                              Map<String, Object> expected, Map<String, Outcome> outcomes, Map<String, Conflict.Kind> conflicts) {
        return new Case(name, BASE, ours, theirs, strategy, expected, outcomes, conflicts);
    }

    private static String lines(String third, String ninth) {
        return "1\n2\n" + third + "\n4\n5\n6\n7\n8\n" + ninth + "\n";
    }

    static Stream<Arguments> cases() {
        Map<String, Object> oursLine = with(BASE, "a.txt", "one\n2\nmain\n4\n5\n6\n7\n8\n9\n");
        Map<String, Object> theirsLine = with(BASE, "a.txt", "1\n2\nfeature\n4\n5\n6\n7\n8\nnine\n");
        return Stream.of(
                merge("edits to different files merge cleanly",
                        with(BASE, "keep.txt", "keep, edited on main\n"), with(BASE, "b.txt", "b from feature\n"), Strategy.MANUAL,
                        with(with(BASE, "keep.txt", "keep, edited on main\n"), "b.txt", "b from feature\n"),
                        Map.of("keep.txt", Outcome.ONLY_OURS, "b.txt", Outcome.ONLY_THEIRS), Map.of()),
                merge("edits to different lines of one file merge line by line",
                        with(BASE, "a.txt", lines("3", "NINE")), with(BASE, "a.txt", "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n"), Strategy.MANUAL,
                        with(BASE, "a.txt", "1\nTWO\n3\n4\n5\n6\n7\n8\nNINE\n"), Map.of("a.txt", Outcome.BOTH_MERGED), Map.of()),
                merge("overlapping edits get conflict markers",
                        with(BASE, "a.txt", lines("main", "9")), with(BASE, "a.txt", lines("feature", "9")), Strategy.MANUAL,
                        with(BASE, "a.txt", "1\n2\n<<<<<<< ours\nmain\n=======\nfeature\n>>>>>>> theirs\n4\n5\n6\n7\n8\n9\n"),
                        Map.of("a.txt", Outcome.BOTH_CONFLICT), Map.of("a.txt", Conflict.Kind.CONTENT)),
                merge("overlapping edits with theirs take theirs there and merge the rest",
                        oursLine, theirsLine, Strategy.THEIRS, with(BASE, "a.txt", "one\n2\nfeature\n4\n5\n6\n7\n8\nnine\n"),
                        Map.of("a.txt", Outcome.BOTH_MERGED), Map.of()),
                merge("overlapping edits with ours take ours there and merge the rest",
                        oursLine, theirsLine, Strategy.OURS, with(BASE, "a.txt", "one\n2\nmain\n4\n5\n6\n7\n8\nnine\n"),
                        Map.of("a.txt", Outcome.BOTH_MERGED), Map.of()),
                merge("the same edit on both sides is no conflict",
                        with(BASE, "b.txt", "same\n"), with(BASE, "b.txt", "same\n"), Strategy.MANUAL, with(BASE, "b.txt", "same\n"),
                        Map.of("b.txt", Outcome.BOTH_SAME), Map.of()),
                merge("deleted here, modified there: a conflict that keeps the modified file",
                        without(BASE, "b.txt"), with(BASE, "b.txt", "b, changed\n"), Strategy.MANUAL, with(BASE, "b.txt", "b, changed\n"),
                        Map.of("b.txt", Outcome.BOTH_CONFLICT), Map.of("b.txt", Conflict.Kind.DELETE_MODIFY)),
                merge("modified here, deleted there: a conflict that keeps the modified file",
                        with(BASE, "b.txt", "b, changed\n"), without(BASE, "b.txt"), Strategy.MANUAL, with(BASE, "b.txt", "b, changed\n"),
                        Map.of("b.txt", Outcome.BOTH_CONFLICT), Map.of("b.txt", Conflict.Kind.DELETE_MODIFY)),
                merge("deleted here, modified there, with ours: the deletion wins",
                        without(BASE, "b.txt"), with(BASE, "b.txt", "b, changed\n"), Strategy.OURS, without(BASE, "b.txt"),
                        Map.of("b.txt", Outcome.BOTH_MERGED), Map.of()),
                merge("one path added on both sides with different content is a conflict",
                        with(BASE, "new.txt", "from main\n"), with(BASE, "new.txt", "from feature\n"), Strategy.MANUAL,
                        with(BASE, "new.txt", "<<<<<<< ours\nfrom main\n=======\nfrom feature\n>>>>>>> theirs\n"),
                        Map.of("new.txt", Outcome.BOTH_CONFLICT), Map.of("new.txt", Conflict.Kind.CONTENT)),
                merge("a binary file changed on both sides keeps ours and writes theirs beside it",
                        with(BASE, "img.bin", new byte[] {0, 7}), with(BASE, "img.bin", new byte[] {0, 9, 9}), Strategy.MANUAL,
                        with(with(BASE, "img.bin", new byte[] {0, 7}), "img.bin.theirs", new byte[] {0, 9, 9}),
                        Map.of("img.bin", Outcome.BOTH_CONFLICT), Map.of("img.bin", Conflict.Kind.BINARY)),
                merge("a binary file changed on both sides, with theirs, is theirs",
                        with(BASE, "img.bin", new byte[] {0, 7}), with(BASE, "img.bin", new byte[] {0, 9, 9}), Strategy.THEIRS,
                        with(BASE, "img.bin", new byte[] {0, 9, 9}), Map.of("img.bin", Outcome.BOTH_MERGED), Map.of()),
                merge("an executable bit set on one side is merged",
                        with(BASE, "b.txt", "b on main\n"), with(BASE, "run.sh", exec("#!/bin/sh\necho hi\n")), Strategy.MANUAL,
                        with(with(BASE, "b.txt", "b on main\n"), "run.sh", exec("#!/bin/sh\necho hi\n")),
                        Map.of("b.txt", Outcome.ONLY_OURS, "run.sh", Outcome.ONLY_THEIRS), Map.of()),
                merge("an executable bit on one side and new content on the other both arrive",
                        with(BASE, "run.sh", "#!/bin/sh\necho hello\n"), with(BASE, "run.sh", exec("#!/bin/sh\necho hi\n")),
                        Strategy.MANUAL, with(BASE, "run.sh", exec("#!/bin/sh\necho hello\n")),
                        Map.of("run.sh", Outcome.BOTH_MERGED), Map.of()),
                merge("the same file added with different executable bits keeps ours and says so",
                        with(BASE, "tool", exec("t\n")), with(BASE, "tool", "t\n"), Strategy.MANUAL, with(BASE, "tool", exec("t\n")),
                        Map.of("tool", Outcome.BOTH_MERGED), Map.of("tool", Conflict.Kind.MODE)),
                merge("a symlink pointed elsewhere on both sides keeps ours and puts theirs beside it",
                        with(BASE, "link", link("b.txt")), with(BASE, "link", link("keep.txt")), Strategy.MANUAL,
                        with(with(BASE, "link", link("b.txt")), "link.theirs", link("keep.txt")),
                        Map.of("link", Outcome.BOTH_CONFLICT), Map.of("link", Conflict.Kind.SYMLINK)),
                merge("a file that became a directory here and changed there is a type conflict",
                        with(without(BASE, "b.txt"), "b.txt/inner.txt", "inner\n"), with(BASE, "b.txt", "b, changed\n"),
                        Strategy.MANUAL, with(with(without(BASE, "b.txt"), "b.txt/inner.txt", "inner\n"), "b.txt.theirs", "b, changed\n"),
                        Map.of("b.txt", Outcome.BOTH_CONFLICT), Map.of("b.txt", Conflict.Kind.TYPE)),
                merge("a directory deleted here and changed inside there is settled file by file",
                        without(without(BASE, "sub/x.txt"), "sub/y.txt"), with(BASE, "sub/x.txt", "x, changed\n"), Strategy.MANUAL,
                        with(without(BASE, "sub/y.txt"), "sub/x.txt", "x, changed\n"),
                        Map.of("sub/x.txt", Outcome.BOTH_CONFLICT, "sub/y.txt", Outcome.ONLY_OURS),
                        Map.of("sub/x.txt", Conflict.Kind.DELETE_MODIFY)),
                merge("a subtree only one side changed is taken whole",
                        BASE, with(with(BASE, "sub/x.txt", "x2\n"), "sub/new/z.txt", "z\n"), Strategy.MANUAL,
                        with(with(BASE, "sub/x.txt", "x2\n"), "sub/new/z.txt", "z\n"),
                        Map.of("sub/x.txt", Outcome.ONLY_THEIRS, "sub/new/z.txt", Outcome.ONLY_THEIRS), Map.of()),
                Arguments.of(new Case("unrelated histories are the union of what does not collide", null,
                        Map.of("a.txt", "a\n", "same.txt", "s\n"), Map.of("b.txt", "b\n", "same.txt", "s\n"), Strategy.MANUAL,
                        Map.of("a.txt", "a\n", "b.txt", "b\n", "same.txt", "s\n"),
                        Map.of("a.txt", Outcome.ONLY_OURS, "b.txt", Outcome.ONLY_THEIRS, "same.txt", Outcome.BOTH_SAME), Map.of())))
                .map(o -> o instanceof Arguments a ? a : Arguments.of(o));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesThreeTreesPathByPath(Case c) {
        ObjectId base = c.base() == null ? null : trees.tree(c.base());
        ObjectId ours = trees.tree(c.ours());
        ObjectId theirs = trees.tree(c.theirs());
        ObjectId expected = trees.tree(c.expected());

        TreeMerge.Result r = new TreeMerge(omni.objects(), new StoreTrees(omni.objects()), null, c.strategy(), "ours", "theirs")
                .merge(base, ours, theirs);

        assertThat(r.changes()).isEqualTo(c.outcomes());
        Map<String, Conflict.Kind> conflicts = new LinkedHashMap<>();
        r.conflicts().forEach(k -> conflicts.put(k.path(), k.kind()));
        assertThat(conflicts).isEqualTo(c.conflicts());
        assertThat(r.clean()).isEqualTo(c.conflicts().isEmpty());
        assertThat(r.tree()).as("the merged tree").isEqualTo(expected);
    }

    static List<Strategy> strategies() {
        return List.of(Strategy.values());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void mergingATreeWithItselfOrAnUnchangedSideChangesNothing(Strategy strategy) {
        ObjectId base = trees.tree(BASE);
        ObjectId changed = trees.tree(with(BASE, "b.txt", "changed\n"));
        TreeMerge.Result same = new TreeMerge(omni.objects(), new StoreTrees(omni.objects()), null, strategy, "o", "t")
                .merge(base, base, base);
        assertThat(same.tree()).isEqualTo(base);
        assertThat(same.changes()).isEmpty();
        TreeMerge.Result oneSide = new TreeMerge(omni.objects(), new StoreTrees(omni.objects()), null, strategy, "o", "t")
                .merge(base, base, changed);
        assertThat(oneSide.tree()).isEqualTo(changed);
    }
}
