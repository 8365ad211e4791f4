package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.testing.FileTrees;
import dev.omni.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workspaces, drift and merge through the real command: exit codes, output, a merge killed half
 * way. The merge rules themselves are core's tests (TreeMergeTest, MergeServiceTest, DriftServiceTest).
 */
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

    /**
     * A merge killed (SIGKILL, as a crash) after it recorded what it is doing and before it rewrote
     * the working copy: status says so, and --continue finishes it or --abort undoes it.
     */
    @ParameterizedTest(name = "then --{0}")
    @ValueSource(strings = {"continue", "abort"})
    void aMergeKilledWhileApplyingIsFinishedByContinueOrUndoneByAbort(String then) throws Exception {
        write(feature, "b.txt", "feature\n");
        snapshot(feature);
        write(main, "keep.txt", "main\n");
        snapshot(main);
        Path before = dir.resolve("before");
        copy(main, before);
        Path paused = dir.resolve("paused");
        omni.vars.put("OMNI_TEST_PAUSE", "merge.applying");
        omni.vars.put("OMNI_TEST_PAUSE_FILE", paused.toString());
        Process p = omni.start(main, "merge", "feature");
        omni.vars.remove("OMNI_TEST_PAUSE");
        omni.vars.remove("OMNI_TEST_PAUSE_FILE");
        try {
            Wait.until("the merge to pause while applying", Duration.ofSeconds(120), () -> {
                if (!p.isAlive() && !Files.exists(paused)) {
                    throw new AssertionError("the merge ended (exit " + p.exitValue() + ") before it applied anything");
                }
                return Files.exists(paused);
            });
            assertThat(p.isAlive()).as("the merge is running when it is killed").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        assertThat(omni.run(main, "status").out()).contains("interrupted");
        ok(omni.run(main, "merge", "--" + then));
        if (then.equals("continue")) {
            assertThat(main.resolve("b.txt")).hasContent("feature\n");
            assertThat(main.resolve("keep.txt")).hasContent("main\n");
            assertThat(omni.run(main, "show", "@", "--json").json().get("parents")).hasSize(2);
        } else {
            FileTrees.assertSameTree(before, main, java.util.Set.of(".omni"));
        }
        assertThat(omni.run(main, "status", "--json").json().get("merge_in_progress").isNull()).isTrue();
        ok(omni.run(main, "fsck"));
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
