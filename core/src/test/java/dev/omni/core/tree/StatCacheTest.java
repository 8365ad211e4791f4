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
    void lookupsDecodeOnlyTheEntryAskedForAndTellCollidingPathsApart() throws Exception {
        // "Aa" and "BB" have the same String.hashCode: the table must compare the paths themselves.
        Map<String, StatCache.Entry> m = new HashMap<>();
        m.put("Aa", file(1));
        m.put("BB", file(2));
        m.put("dir/ünï.txt", file(3));
        m.put("dir", StatCache.Entry.dir(1, Hashing.sha256(new byte[] {9})));
        Path f = dir.resolve("cache.bin");
        new StatCache(m).save(f);
        StatCache c = StatCache.load(f);
        assertThat(c.size()).isEqualTo(4);
        assertThat(c.get("Aa")).isEqualTo(m.get("Aa"));
        assertThat(c.get("BB")).isEqualTo(m.get("BB"));
        assertThat(c.get("dir/ünï.txt")).isEqualTo(m.get("dir/ünï.txt"));
        assertThat(c.get("dir/uni.txt")).isNull();
        assertThat(c.get("A")).isNull();
        assertThat(c.get("")).isNull();
        assertThat(c.matches(c.find("BB"), new FileStat(0100644, 2, 2, 2, 2))).isTrue();
        assertThat(c.matches(c.find("BB"), new FileStat(0100644, 2, 2, 3, 2))).isFalse();
    }

    @Test
    void anUpdateKeepsWhatTheScanFoundUnchangedAndAddsWhatItSawAnew() throws Exception {
        Map<String, StatCache.Entry> m = new HashMap<>();
        m.put("kept", file(1));
        m.put("gone", file(2));
        m.put("changed", file(3));
        StatCache old = new StatCache(m);
        StatCache.Update u = old.update();
        u.keep(old.find("kept"));
        u.keep(old.find("kept"));
        assertThat(u.changed()).as("an entry the scan did not see is a change").isTrue();
        u.put("changed", file(4));
        u.put("new/ünï", file(5));
        StatCache result = u.result();
        Path f = dir.resolve("cache.bin");
        result.save(f);
        assertThat(StatCache.load(f).entries()).isEqualTo(Map.of("kept", file(1), "changed", file(4), "new/ünï", file(5)));

        StatCache.Update same = old.update();
        for (String p : m.keySet()) {
            same.keep(old.find(p));
        }
        assertThat(same.changed()).isFalse();
        assertThat(same.result()).isSameAs(old);
    }

    private static StatCache.Entry file(int n) {
        return new StatCache.Entry(StatCache.Kind.FILE, n, n, n, n, 0100644, Hashing.sha256(new byte[] {(byte) n}), null, false);
    }

    @Test
    void aRacyEntryNeverMatches() {
        FileStat st = new FileStat(0100644, 1, 2, 3, 4);
        assertThat(new StatCache.Entry(StatCache.Kind.FILE, 1, 2, 3, 4, 0100644, Hashing.sha256(new byte[0]), null, false).matches(st)).isTrue();
        assertThat(new StatCache.Entry(StatCache.Kind.FILE, 1, 2, 3, 4, 0100644, Hashing.sha256(new byte[0]), null, true).matches(st)).isFalse();
        assertThat(new StatCache.Entry(StatCache.Kind.FILE, 1, 2, 9, 4, 0100644, Hashing.sha256(new byte[0]), null, false).matches(st)).isFalse();
    }
}
