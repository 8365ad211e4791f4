package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real omni command on a tree full of edge cases, with a file of several hundred MB: every
 * restore must give back the tree byte for byte and mode for mode.
 */
class EndToEndTest {
    @TempDir
    Path dir;
    Path ws;
    Cli omni;

    @BeforeEach
    void setUp() {
        ws = dir.resolve("ws");
        omni = new Cli(dir.resolve("home"));
    }

    @Test
    void snapshotsOfAnEdgeCaseTreeRestoreByteForByteAndModeForMode() throws Exception {
        FileTrees.edgeCases(ws, 300L << 20);
        Cli.Result init = omni.run(dir, "init", ws.toString(), "--json");
        assertThat(init.code()).as(init.err()).isZero();
        JsonNode first = init.json().get("snapshot");
        assertThat(first.get("files").asLong()).isGreaterThan(20);
        assertThat(first.get("bytes").asLong()).isGreaterThan(300L << 20);

        Path copy1 = dir.resolve("copy1");
        assertThat(omni.run(ws, "restore", first.get("id").asText(), "--to", copy1.toString()).code()).isZero();
        FileTrees.assertSameTree(ws, copy1, FileTrees.skipForEdgeCases());

        // Change files right away (within the same second as the snapshot), same sizes included.
        Files.writeString(ws.resolve("plain.txt"), "HELLO\nWORLD\n");
        Files.writeString(ws.resolve("ünïcödé/日本語.txt"), "さようなら\n");
        Files.delete(ws.resolve("empty.txt"));
        Files.createDirectories(ws.resolve("fresh dir"));
        Files.writeString(ws.resolve("fresh dir/new\nfile"), "added\n");
        Files.createSymbolicLink(ws.resolve("new-link"), Path.of("fresh dir"));
        FileTrees.setExecutable(ws.resolve("plain.txt"));

        Cli.Result st = omni.run(ws.resolve("sub"), "status", "--json");
        assertThat(st.code()).isZero();
        assertThat(st.json().get("clean").asBoolean()).isFalse();
        List<String> changed = new ArrayList<>();
        st.json().get("changes").forEach(c -> changed.add(c.get("status").asText().charAt(0) + " " + c.get("path").asText()));
        assertThat(changed).containsExactlyInAnyOrder("m plain.txt", "m ünïcödé/日本語.txt", "d empty.txt",
                "a fresh dir/new\nfile", "a new-link");

        Cli.Result snap = omni.run(ws, "snapshot", "-m", "second", "--json");
        assertThat(snap.code()).as(snap.err()).isZero();
        JsonNode second = snap.json();
        assertThat(second.fieldNames()).toIterable().contains("id", "manifest_hash", "parents", "files", "bytes", "created_at");
        assertThat(second.get("parents").get(0).asText()).isEqualTo(first.get("id").asText());
        assertThat(omni.run(ws, "status", "--json").json().get("clean").asBoolean()).isTrue();

        Path copy2 = dir.resolve("copy2");
        assertThat(omni.run(ws, "restore", "@", "--to", copy2.toString()).code()).isZero();
        FileTrees.assertSameTree(ws, copy2, FileTrees.skipForEdgeCases());

        // Back to the first snapshot in the working copy: exact again, and nothing lost.
        Cli.Result back = omni.run(ws, "restore", first.get("id").asText(), "--json");
        assertThat(back.code()).as(back.err()).isZero();
        FileTrees.assertSameTree(copy1, ws, FileTrees.skipForEdgeCases());
        assertThat(ws.resolve("a.log")).exists();
        assertThat(omni.run(ws, "fsck").code()).isZero();
    }

    @Test
    void theCommandsThatReadAnswerInJsonWithTheDocumentedFields() throws Exception {
        FileTrees.edgeCases(ws, 0);
        assertThat(omni.run(dir, "init", ws.toString(), "-q").code()).isZero();
        Files.writeString(ws.resolve("plain.txt"), "changed\n");
        assertThat(omni.run(ws, "snapshot", "-m", "two").code()).isZero();

        JsonNode log = omni.run(ws, "log", "--json").json();
        assertThat(log.isArray()).isTrue();
        assertThat(log).hasSize(2);
        for (JsonNode s : log) {
            assertThat(s.fieldNames()).toIterable().contains("id", "parents", "manifest_hash", "message", "created_at", "files", "bytes");
        }
        assertThat(log.get(0).get("message").asText()).isEqualTo("two");

        JsonNode show = omni.run(ws, "show", "@", "--files", "--json").json();
        JsonNode plain = null;
        for (JsonNode f : show.get("files_list")) {
            if (f.get("path").asText().equals("exec.sh")) {
                assertThat(f.get("mode").asText()).isEqualTo("755");
            }
            if (f.get("path").asText().equals("plain.txt")) {
                plain = f;
            }
        }
        assertThat(plain).isNotNull();
        assertThat(plain.get("hash").asText()).isEqualTo(FileTrees.sha256(ws.resolve("plain.txt")));
        assertThat(plain.get("type").asText()).isEqualTo("file");
        assertThat(plain.get("size").asLong()).isEqualTo(8);

        assertThat(omni.run(ws, "projects", "--json").json()).hasSize(1);
        assertThat(omni.run(ws, "workspaces", "--json").json().get(0).get("local_path").asText()).isEqualTo(ws.toRealPath().toString());
        List<String> types = new ArrayList<>();
        omni.run(ws, "activity", "--json").json().forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).contains("project.created", "workspace.created", "snapshot.created");
    }

    @Test
    void diffShowsUnifiedHunksAndReportsBinaryFiles() throws Exception {
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("a.txt"), "one\ntwo\nthree\n");
        Files.write(ws.resolve("b.bin"), new byte[] {0, 1, 2});
        assertThat(omni.run(dir, "init", ws.toString(), "-q").code()).isZero();
        Files.writeString(ws.resolve("a.txt"), "one\n2\nthree\nfour\n");
        Files.write(ws.resolve("b.bin"), new byte[] {0, 1, 3});

        Cli.Result diff = omni.run(ws, "diff");
        assertThat(diff.code()).isZero();
        assertThat(diff.out()).contains("--- a/a.txt", "+++ b/a.txt", "@@ -1,3 +1,4 @@", "-two", "+2", "+four")
                .contains("Binary files a/b.bin and b/b.bin differ");
        assertThat(omni.run(ws, "diff", "--exit-code").code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(omni.run(ws, "diff", "--name-status").out()).isEqualTo("M\ta.txt\nM\tb.bin\n");
        assertThat(omni.run(ws, "diff", "--stat").out()).contains("a.txt", "2 insertions(+), 1 deletion(-)");
        assertThat(omni.run(ws, "diff", "--", "a.txt").out()).doesNotContain("b.bin");

        assertThat(omni.run(ws, "snapshot", "-q").code()).isZero();
        assertThat(omni.run(ws, "diff", "--exit-code").code()).isZero();
        assertThat(omni.run(ws, "diff", "@~1", "@", "--name-status").out()).isEqualTo("M\ta.txt\nM\tb.bin\n");
    }

    @Test
    void exportAndImportThroughTheCommand() throws Exception {
        FileTrees.edgeCases(ws, 1_000_000);
        Files.delete(ws.resolve("absolute-link"));
        assertThat(omni.run(dir, "init", ws.toString(), "-q").code()).isZero();
        for (String ext : List.of("tar.zst", "tar.gz", "zip")) {
            Path archive = dir.resolve("snap." + ext);
            assertThat(omni.run(ws, "export", "@", "-o", archive.toString()).code()).isZero();
            Cli.Result imp = omni.run(ws, "import", archive.toString(), "--json");
            assertThat(imp.code()).as(imp.err()).isZero();
            Path out = dir.resolve("out-" + ext);
            assertThat(omni.run(ws, "restore", imp.json().get("id").asText(), "--to", out.toString()).code()).isZero();
            FileTrees.assertSameTree(ws, out, FileTrees.skipForEdgeCases());
        }
    }

    @Test
    void importToWorkspaceMakesTheArchiveTheNewHeadAfterASafetySnapshot() throws Exception {
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("mine.txt"), "mine\n");
        assertThat(omni.run(dir, "init", ws.toString(), "-q").code()).isZero();
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("theirs.txt"), "theirs\n");
        Cli omni2 = new Cli(dir.resolve("home2"));
        assertThat(omni2.run(dir, "init", other.toString(), "-q").code()).isZero();
        assertThat(omni2.run(other, "export", "@", "-o", dir.resolve("t.zip").toString()).code()).isZero();

        Files.writeString(ws.resolve("mine.txt"), "mine, edited\n");
        Cli.Result imp = omni.run(ws, "import", dir.resolve("t.zip").toString(), "--to-workspace", "--json");
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(ws.resolve("theirs.txt")).hasContent("theirs\n");
        assertThat(ws.resolve("mine.txt")).doesNotExist();
        assertThat(omni.run(ws, "status", "--json").json().get("clean").asBoolean()).isTrue();
        // The edit is in the safety snapshot.
        String safety = imp.json().get("safety_snapshot").asText();
        Path out = dir.resolve("safety");
        assertThat(omni.run(ws, "restore", safety, "--to", out.toString()).code()).isZero();
        assertThat(out.resolve("mine.txt")).hasContent("mine, edited\n");
    }
}
