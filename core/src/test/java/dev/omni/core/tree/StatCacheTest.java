package dev.omni.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.model.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatCacheTest {
    @TempDir
    Path dir;

    @Test
    void savedEntriesLoadBackEqual() throws Exception {
        Map<String, StatCache.Entry> m = new HashMap<>();
        m.put("a/b.txt", new StatCache.Entry(StatCache.Kind.FILE, 10, 11, 12, 13, 0100644, Hashing.sha256(new byte[] {1}), null, false));
        m.put("a/new\nline", new StatCache.Entry(StatCache.Kind.FILE, 1, 2, 3, 4, 0100755, Hashing.sha256(new byte[] {2}), null, true));
        m.put("l", new StatCache.Entry(StatCache.Kind.SYMLINK, 5, 6, 7, 8, 0120777, null, "ünï/target", false));
        m.put("a", StatCache.Entry.dir(2, Hashing.sha256(new byte[] {3})));
        Path f = dir.resolve("cache.bin");
        new StatCache(m).save(f);
        assertThat(StatCache.load(f).entries()).isEqualTo(m);
    }

    @Test
    void aDamagedOrMissingCacheIsEmptyNotAnError() throws Exception {
        Path f = dir.resolve("cache.bin");
        assertThat(StatCache.load(f).size()).isZero();
        Map<String, StatCache.Entry> m = new HashMap<>();
        m.put("x", StatCache.Entry.dir(0, Hashing.sha256(new byte[0])));
        new StatCache(m).save(f);
        byte[] b = Files.readAllBytes(f);
        b[12] ^= 1;
        Files.write(f, b);
        assertThat(StatCache.load(f).size()).isZero();
        Files.write(f, new byte[] {1, 2, 3});
        assertThat(StatCache.load(f).size()).isZero();
    }

    @Test
    void aRacyEntryNeverMatches() {
        FileStat st = new FileStat(0100644, 1, 2, 3, 4);
        assertThat(new StatCache.Entry(StatCache.Kind.FILE, 1, 2, 3, 4, 0100644, Hashing.sha256(new byte[0]), null, false).matches(st)).isTrue();
        assertThat(new StatCache.Entry(StatCache.Kind.FILE, 1, 2, 3, 4, 0100644, Hashing.sha256(new byte[0]), null, true).matches(st)).isFalse();
        assertThat(new StatCache.Entry(StatCache.Kind.FILE, 1, 2, 9, 4, 0100644, Hashing.sha256(new byte[0]), null, false).matches(st)).isFalse();
    }
}
