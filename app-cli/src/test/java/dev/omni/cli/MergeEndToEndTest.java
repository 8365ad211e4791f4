package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workspaces, drift and merge through the real command, checking the resulting files byte for byte. */
class MergeEndToEndTest {
    @TempDir
    Path dir;
    Path main;
    Path feature;
    Cli omni;

    @BeforeEach
    void setUp() throws Exception {
        main = Files.createDirectories(dir.resolve("app"));
        feature = dir.resolve("app-feature");
        omni = new Cli(dir.resolve("home"));
        write(main, "a.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        write(main, "b.txt", "b\n");
        write(main, "keep.txt", "keep\n");
        Files.write(main.resolve("img.bin"), new byte[] {0, 1, 2, 3});
        ok(omni.run(dir, "init", "-q", main.toString()));
        Cli.Result create = omni.run(main, "workspace", "create", "feature", "--json");
        ok(create);
        assertThat(create.json().get("local_path").asText()).isEqualTo(feature.toRealPath().toString());
        FileTrees.assertSameTree(main, feature, java.util.Set.of(".omni"));
    }

    private static void write(Path root, String path, String content) throws Exception {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content);
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        return r;
    }

    private void snapshot(Path ws) {
        ok(omni.run(ws, "snapshot", "-q"));
    }

    @Test
    void editsToDifferentFilesMergeCleanly() throws Exception {
        write(feature, "b.txt", "b from feature\n");
        snapshot(feature);
        write(main, "keep.txt", "keep, edited on main\n");
        snapshot(main);
        Cli.Result r = ok(omni.run(main, "merge", "feature", "--json"));
        assertThat(r.json().get("result").asText()).isEqualTo("merged");
        assertThat(main.resolve("b.txt")).hasContent("b from feature\n");
        assertThat(main.resolve("keep.txt")).hasContent("keep, edited on main\n");
        JsonNode head = omni.run(main, "show", "@", "--json").json();
        assertThat(head.get("parents")).hasSize(2);
        assertThat(head.get("source").asText()).isEqualTo("merge");
        assertThat(omni.run(main, "status", "--json").json().get("clean").asBoolean()).isTrue();
    }

    @Test
    void editsToDifferentLinesOfOneFileMergeCleanly() throws Exception {
        write(feature, "a.txt", "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n");
        snapshot(feature);
        write(main, "a.txt", "1\n2\n3\n4\n5\n6\n7\nEIGHT\n9\n");
        snapshot(main);
        ok(omni.run(main, "merge", "feature"));
        assertThat(main.resolve("a.txt")).hasContent("1\nTWO\n3\n4\n5\n6\n7\nEIGHT\n9\n");
    }

    @Test
    void overlappingEditsWriteMarkersAndExitNonZeroUntilContinued() throws Exception {
        write(feature, "a.txt", "1\n2\nfeature\n4\n5\n6\n7\n8\n9\n");
        snapshot(feature);
        write(main, "a.txt", "1\n2\nmain\n4\n5\n6\n7\n8\n9\n");
        snapshot(main);
        Cli.Result r = omni.run(main, "merge", "feature");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(r.out()).contains("CONFLICT (content) a.txt");
        assertThat(main.resolve("a.txt")).hasContent("1\n2\n<<<<<<< ours (main)\nmain\n=======\nfeature\n>>>>>>> theirs (feature)\n4\n5\n6\n7\n8\n9\n");
        assertThat(omni.run(main, "snapshot").code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(omni.run(main, "status").out()).contains("Merging 'feature'", "conflict: a.txt");
        Cli.Result early = omni.run(main, "merge", "--continue");
        assertThat(early.code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(early.err()).contains("still have conflict markers: a.txt");

        write(main, "a.txt", "1\n2\nboth\n4\n5\n6\n7\n8\n9\n");
        ok(omni.run(main, "merge", "--continue"));
        JsonNode head = omni.run(main, "show", "@", "--json").json();
        assertThat(head.get("parents")).hasSize(2);
        assertThat(main.resolve("a.txt")).hasContent("1\n2\nboth\n4\n5\n6\n7\n8\n9\n");
    }

    @Test
    void oursAndTheirsSettleOverlapsWithoutMarkers() throws Exception {
        write(feature, "a.txt", "1\n2\nfeature\n4\n5\n6\n7\n8\nnine\n");
        snapshot(feature);
        write(main, "a.txt", "one\n2\nmain\n4\n5\n6\n7\n8\n9\n");
        snapshot(main);
        ok(omni.run(main, "merge", "feature", "--theirs"));
        assertThat(main.resolve("a.txt")).hasContent("one\n2\nfeature\n4\n5\n6\n7\n8\nnine\n");
    }

    @Test
    void deleteAgainstModifyIsAConflictThatKeepsTheModifiedFile() throws Exception {
        Files.delete(feature.resolve("b.txt"));
        snapshot(feature);
        write(main, "b.txt", "b, changed on main\n");
        snapshot(main);
        Cli.Result r = omni.run(main, "merge", "feature", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(r.json().get("conflicts").get(0).get("kind").asText()).isEqualTo("delete_modify");
        assertThat(main.resolve("b.txt")).hasContent("b, changed on main\n");
    }

    @Test
    void addAddOfOnePathWithDifferentContentIsAConflict() throws Exception {
        write(feature, "new.txt", "from feature\n");
        snapshot(feature);
        write(main, "new.txt", "from main\n");
        snapshot(main);
        assertThat(omni.run(main, "merge", "feature").code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(Files.readString(main.resolve("new.txt"))).contains("<<<<<<< ours (main)", "from main", "=======",
                "from feature", ">>>>>>> theirs (feature)");
    }

    @Test
    void aBinaryFileChangedOnBothSidesKeepsOursAndWritesTheirsBeside() throws Exception {
        Files.write(feature.resolve("img.bin"), new byte[] {0, 9, 9});
        snapshot(feature);
        Files.write(main.resolve("img.bin"), new byte[] {0, 7});
        snapshot(main);
        Cli.Result r = omni.run(main, "merge", "feature");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(r.out()).contains("CONFLICT (binary) img.bin");
        assertThat(Files.readAllBytes(main.resolve("img.bin"))).containsExactly(0, 7);
        assertThat(Files.readAllBytes(main.resolve("img.bin.theirs"))).containsExactly(0, 9, 9);
    }

    @Test
    void anExecutableBitChangedOnOneSideIsMerged() throws Exception {
        FileTrees.setExecutable(feature.resolve("keep.txt"));
        snapshot(feature);
        write(main, "b.txt", "b on main\n");
        snapshot(main);
        ok(omni.run(main, "merge", "feature"));
        assertThat(Files.getPosixFilePermissions(main.resolve("keep.txt"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(main.resolve("keep.txt")).hasContent("keep\n");
    }

    @Test
    void aSecondMergeUsesTheLastMergedSnapshotAsItsBase() throws Exception {
        write(feature, "a.txt", "1\nfeature-1\n3\n4\n5\n6\n7\n8\n9\n");
        snapshot(feature);
        write(main, "keep.txt", "main-1\n");
        snapshot(main);
        ok(omni.run(main, "merge", "feature"));
        String firstFeature = omni.run(feature, "show", "@", "--json").json().get("id").asText();

        // Feature changes the same line again; main leaves it alone: no conflict, since the base moved.
        write(feature, "a.txt", "1\nfeature-2\n3\n4\n5\n6\n7\n8\n9\n");
        snapshot(feature);
        write(main, "b.txt", "main-2\n");
        snapshot(main);
        Cli.Result r = ok(omni.run(main, "merge", "feature", "--json"));
        assertThat(r.json().get("merge_base").asText()).isEqualTo(firstFeature);
        assertThat(main.resolve("a.txt")).hasContent("1\nfeature-2\n3\n4\n5\n6\n7\n8\n9\n");
        JsonNode history = omni.run(main, "workspace", "show", "--json").json().get("merge_history");
        assertThat(history.elements().next().get("last_merged_snapshot").asText())
                .isEqualTo(omni.run(feature, "show", "@", "--json").json().get("id").asText());
    }

    @Test
    void aWorkspaceThatIsBehindFastForwards() throws Exception {
        write(feature, "b.txt", "ahead\n");
        write(feature, "sub/new.txt", "new\n");
        snapshot(feature);
        Cli.Result r = ok(omni.run(main, "merge", "feature", "--json"));
        assertThat(r.json().get("result").asText()).isEqualTo("fast_forward");
        FileTrees.assertSameTree(feature, main, java.util.Set.of(".omni"));
        assertThat(omni.run(main, "show", "@", "--json").json().get("id").asText())
                .isEqualTo(omni.run(feature, "show", "@", "--json").json().get("id").asText());
        assertThat(ok(omni.run(main, "merge", "feature", "--json")).json().get("result").asText()).isEqualTo("up_to_date");
    }

    @Test
    void aDirtyWorkingCopyIsSnapshottedFirstAndNeverClobbered() throws Exception {
        write(feature, "b.txt", "feature\n");
        snapshot(feature);
        write(main, "keep.txt", "uncommitted on main\n");
        write(main, "draft.txt", "an uncommitted new file\n");
        Cli.Result r = ok(omni.run(main, "merge", "feature", "--json"));
        String safety = r.json().get("safety_snapshot").asText();
        assertThat(main.resolve("keep.txt")).hasContent("uncommitted on main\n");
        assertThat(main.resolve("draft.txt")).hasContent("an uncommitted new file\n");
        assertThat(main.resolve("b.txt")).hasContent("feature\n");
        Path out = dir.resolve("safety");
        ok(omni.run(main, "restore", safety, "--to", out.toString()));
        assertThat(out.resolve("draft.txt")).hasContent("an uncommitted new file\n");
    }

    @Test
    void abortRestoresExactlyThePreMergeTree() throws Exception {
        write(feature, "a.txt", "1\n2\nfeature\n4\n5\n6\n7\n8\n9\n");
        write(feature, "added.txt", "added\n");
        Files.write(feature.resolve("img.bin"), new byte[] {5});
        snapshot(feature);
        write(main, "a.txt", "1\n2\nmain\n4\n5\n6\n7\n8\n9\n");
        Files.write(main.resolve("img.bin"), new byte[] {6});
        write(main, "uncommitted.txt", "mine\n");
        Path before = dir.resolve("before");
        copy(main, before);
        assertThat(omni.run(main, "merge", "feature").code()).isEqualTo(ExitCodes.CONFLICT);
        write(main, "a.txt", "half resolved\n");
        ok(omni.run(main, "merge", "--abort"));
        FileTrees.assertSameTree(before, main, java.util.Set.of(".omni"));
        assertThat(omni.run(main, "status", "--json").json().get("merge_in_progress").isNull()).isTrue();
    }

    @Test
    void anInterruptedMergeCanBeFinishedOrAborted() throws Exception {
        write(feature, "b.txt", "feature\n");
        snapshot(feature);
        write(main, "keep.txt", "main\n");
        snapshot(main);
        // Simulate a crash in the middle of rewriting the working copy: the merge state says
        // "applying" and only some of the files were written.
        Cli.Result dry = ok(omni.run(main, "merge", "feature", "--dry-run", "--json"));
        assertThat(dry.json().get("result").asText()).isEqualTo("dry_run");
        ok(omni.run(main, "merge", "feature"));
        String merged = omni.run(main, "show", "@", "--json").json().get("manifest_hash").asText();
        ok(omni.run(main, "restore", "@~1"));
        try (var omniCore = dev.omni.core.Omni.open(new dev.omni.core.Env(omni.vars, main, main, java.time.Clock.systemUTC(), "t"), null)) {
            var ws = new dev.omni.core.workspace.WorkspaceService(omniCore).current(main);
            var parents = new dev.omni.core.snapshot.SnapshotService(omniCore).parents(ws.currentSnapshot());
            String theirs = new dev.omni.core.workspace.WorkspaceService(omniCore).require(ws.projectId(), "feature").id();
            // What a crash leaves behind, written straight into the store: no use case stops half-way on purpose.
            omniCore.db().write(c -> {
                dev.omni.core.store.Database.update(c, "INSERT INTO merge_state(workspace_id, phase, their_workspace_id,"
                        + " their_snapshot_id, ours_snapshot_id, base_snapshot_id, merged_tree, strategy, conflicts, started_at)"
                        + " VALUES (?, 'applying', ?, ?, ?, NULL, ?, 'MANUAL', '[]', ?)", ws.id(), theirs, parents.get(1).value(),
                        parents.get(0).value(), merged, java.time.Instant.now().toString());
                new dev.omni.core.workspace.WorkspaceService(omniCore).setHead(ws.id(), parents.get(0), java.time.Instant.now());
                return null;
            });
        }
        assertThat(omni.run(main, "status").out()).contains("interrupted");
        ok(omni.run(main, "merge", "--continue"));
        assertThat(main.resolve("b.txt")).hasContent("feature\n");
        assertThat(main.resolve("keep.txt")).hasContent("main\n");
        assertThat(omni.run(main, "show", "@", "--json").json().get("manifest_hash").asText()).isEqualTo(merged);
    }

    @Test
    void driftReportsEachSidesChangesWithAndWithoutDirtyFiles() throws Exception {
        assertThat(ok(omni.run(main, "drift", "feature")).out()).contains("No drift");
        write(feature, "b.txt", "b feature\n");
        write(feature, "a.txt", "1\n2\nfeature\n4\n5\n6\n7\n8\n9\n");
        snapshot(feature);
        write(main, "keep.txt", "main\n");
        write(main, "a.txt", "1\n2\nmain\n4\n5\n6\n7\n8\n9\n");
        snapshot(main);
        write(main, "dirty.txt", "not snapshotted\n");

        Cli.Result r = omni.run(main, "drift", "feature", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        JsonNode j = r.json();
        assertThat(strings(j.get("workspace_only"))).containsExactly("dirty.txt", "keep.txt");
        assertThat(strings(j.get("other_only"))).containsExactly("b.txt");
        assertThat(strings(j.get("both_different"))).containsExactly("a.txt");
        assertThat(strings(j.get("conflicts"))).containsExactly("a.txt");
        assertThat(j.get("dirty").asBoolean()).isTrue();
        assertThat(j.get("files_added").asLong()).isEqualTo(1);
        assertThat(j.get("files_modified").asLong()).isEqualTo(3);

        JsonNode clean = omni.run(main, "drift", "feature", "--no-dirty", "--json").json();
        assertThat(strings(clean.get("workspace_only"))).containsExactly("keep.txt");
        assertThat(clean.get("dirty").asBoolean()).isFalse();

        List<String> types = new ArrayList<>();
        omni.run(main, "activity", "--json").json().forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).contains("drift.reported");
        // The default compares with the project's main workspace.
        Cli.Result fromFeature = omni.run(feature, "drift", "--json");
        assertThat(fromFeature.json().get("other_workspace").asText()).isEqualTo("main");
    }

    @Test
    void theProjectGraphShowsForksAndMerges() throws Exception {
        write(feature, "b.txt", "f\n");
        snapshot(feature);
        write(main, "keep.txt", "m\n");
        snapshot(main);
        ok(omni.run(main, "merge", "feature"));
        String graph = ok(omni.run(main, "log", "--graph", "--all")).out();
        assertThat(graph).contains("|\\", "|/", "merge", "feature", "main");
    }

    @Test
    void workspacesAreListedRenamedMadeMainAndRemovedWithoutLosingSnapshots() throws Exception {
        ok(omni.run(main, "workspace", "rename", "feature", "topic"));
        List<String> names = new ArrayList<>();
        omni.run(main, "workspace", "list", "--json").json().forEach(w -> names.add(w.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("main", "topic");
        assertThat(omni.run(main, "workspace", "rm", "main").code()).isEqualTo(ExitCodes.CONFLICT);
        ok(omni.run(main, "workspace", "set-main", "topic"));
        ok(omni.run(main, "workspace", "rm", "main"));
        assertThat(main.resolve("a.txt")).exists();
        assertThat(main.resolve(".omni")).doesNotExist();
        JsonNode list = omni.run(feature, "workspace", "list", "--json").json();
        assertThat(list).hasSize(1);
        assertThat(omni.run(feature, "log", "--all", "--json").json().size()).isGreaterThanOrEqualTo(1);
        ok(omni.run(feature, "workspace", "create", "again", "--path", dir.resolve("again").toString()));
        ok(omni.run(feature, "workspace", "rm", "again", "--delete-files"));
        assertThat(dir.resolve("again")).doesNotExist();
    }

    @Test
    void snapshotsInsideAGitWorkTreeRecordTheBranchAndCommit() throws Exception {
        Path repo = dir.resolve("repo");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).setInitialBranch("trunk").call()) {
            write(repo, "x.txt", "x\n");
            git.add().addFilepattern("x.txt").call();
            var commit = git.commit().setMessage("c").setAuthor("t", "t@t").setCommitter("t", "t@t").setSign(false).call();
            ok(omni.run(dir, "init", "-q", repo.toString()));
            JsonNode s = omni.run(repo, "show", "@", "--json").json();
            assertThat(s.get("git_branch").asText()).isEqualTo("trunk");
            assertThat(s.get("git_commit").asText()).isEqualTo(commit.getName());
            assertThat(omni.run(repo, "show").out()).contains("git       trunk at " + commit.getName());
            assertThat(Files.readString(repo.resolve(".git/info/exclude"))).contains("/.omni/");
        }
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith(".omni")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
