package dev.omni.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.testing.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk gives one answer whatever the parallelism and whatever the stat cache holds: the same
 * tree as a scan that hashes everything, on a tree with ignore files at several levels, negations,
 * symlinks (to files, directories, nowhere, outside), odd names, a special file and racy files.
 */
class WorkTreeScannerTest {
    @TempDir
    Path dir;
    Path ws;

    @BeforeEach
    void tree() throws Exception {
        ws = dir.resolve("ws");
        FileTrees.edgeCases(ws, 300_000);
        Process p = new ProcessBuilder("mkfifo", ws.resolve("sub/a-fifo").toString()).start();
        assertThat(p.waitFor()).isZero();
    }

    private record Scan(WorkTree work, Set<String> warnings) {
    }

    private Scan scan(StatCache cache, int threads) {
        Set<String> warnings = new ConcurrentSkipListSet<>();
        Warnings w = (path, message) -> warnings.add(path + ": " + message);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return new Scan(new WorkTreeScanner(ws, cache, null, w, Progress.NONE).scan(pool), warnings);
        } finally {
            pool.shutdown();
        }
    }

    private static void backdate(Path root) throws IOException {
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || Files.isSymbolicLink(p)).toList()) {
                Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS).setTimes(old, null, null);
            }
        }
    }

    @Test
    void oneThreadAndManyFindTheSameTreeAndWarnings() {
        Scan one = scan(StatCache.empty(), 1);
        for (int threads : List.of(2, 4, 8)) {
            Scan many = scan(StatCache.empty(), threads);
            assertThat(many.work().root()).as("%d threads", threads).isEqualTo(one.work().root());
            assertThat(many.work().files()).isEqualTo(one.work().files());
            assertThat(many.work().bytes()).isEqualTo(one.work().bytes());
            assertThat(many.work().treeIds()).isEqualTo(one.work().treeIds());
            assertThat(many.warnings()).isEqualTo(one.warnings());
        }
        assertThat(one.warnings()).anyMatch(w -> w.startsWith("sub/a-fifo"));
    }

    @Test
    void aScanFromTheCacheFindsWhatAFullScanFindsAndChangesNothingWhenNothingChanged() throws IOException {
        backdate(ws);
        Scan full = scan(StatCache.empty(), 2);
        StatCache cache = full.work().cache();
        Scan again = scan(cache, 2);
        assertThat(again.work().root()).isEqualTo(full.work().root());
        assertThat(again.work().files()).isEqualTo(full.work().files());
        assertThat(again.work().bytes()).isEqualTo(full.work().bytes());
        assertThat(again.work().treeIds()).isEqualTo(full.work().treeIds());
        // Not even the directory holding the fifo (never cached, so never "clean") rewrites the cache.
        assertThat(again.work().cacheChanged()).isFalse();
        assertThat(again.work().cache()).isSameAs(cache);
        // Saved and read back, the cache still gives the same answer.
        Path f = dir.resolve("cache.bin");
        cache.save(f);
        assertThat(scan(StatCache.load(f), 2).work().root()).isEqualTo(full.work().root());
    }

    @Test
    void changesThatKeepSizeAndMtimeAreSeenAndTheCachedScanAgreesWithAFullOne() throws IOException {
        backdate(ws);
        StatCache cache = scan(StatCache.empty(), 2).work().cache();
        Path plain = ws.resolve("plain.txt");
        FileTime mtime = Files.getLastModifiedTime(plain);
        Files.writeString(plain, "HELLO\nWORLD\n");
        Files.setLastModifiedTime(plain, mtime);
        Files.delete(ws.resolve("sub/deeper/y.txt"));
        FileTrees.write(ws.resolve("sub/deeper/z.txt"), "new\n");
        Files.delete(ws.resolve("link-to-file"));
        Files.createSymbolicLink(ws.resolve("link-to-file"), Path.of("empty.txt"));
        FileTrees.write(ws.resolve("sub/.gitignore"), "secret.txt\n");
        Scan cached = scan(cache, 2);
        Scan full = scan(StatCache.empty(), 1);
        assertThat(cached.work().root()).isEqualTo(full.work().root());
        assertThat(cached.work().treeIds()).isEqualTo(full.work().treeIds());
        assertThat(cached.work().files()).isEqualTo(full.work().files());
        assertThat(cached.work().cacheChanged()).isTrue();
        assertThat(new TreeSet<>(cached.work().cache().entries().keySet()))
                .isEqualTo(new TreeSet<>(full.work().cache().entries().keySet()))
                .doesNotContain("sub/deeper/y.txt", "sub/keep.log")
                .contains("sub/deeper/z.txt");
    }

    @Test
    void racyFilesAreHashedAgainEvenWhenTheirStatMatches() throws IOException {
        // Written just now: every entry is racy, so a second scan trusts none of them.
        StatCache cache = scan(StatCache.empty(), 2).work().cache();
        assertThat(cache.get("plain.txt").racy()).isTrue();
        Path plain = ws.resolve("plain.txt");
        FileTime mtime = Files.getLastModifiedTime(plain);
        Files.writeString(plain, "HELLO\nWORLD\n");
        Files.setLastModifiedTime(plain, mtime);
        Scan cached = scan(cache, 2);
        assertThat(cached.work().root()).isEqualTo(scan(StatCache.empty(), 1).work().root());
    }
}
