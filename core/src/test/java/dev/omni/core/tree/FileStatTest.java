package dev.omni.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStatTest {
    @TempDir
    Path dir;

    @Test
    void theFastPathIsInUseUnderTestsAndAgreesWithThePublicApi() throws Exception {
        // The surefire configuration opens sun.nio.fs, as the launcher does.
        assertThat(FileStat.fast()).isTrue();
        Path f = Files.writeString(dir.resolve("f"), "abc");
        Path l = Files.createSymbolicLink(dir.resolve("l"), Path.of("missing"));
        for (Path p : new Path[] {f, l, dir}) {
            assertThat(FileStat.lstat(p)).isEqualTo(FileStat.slow(p));
        }
        assertThat(FileStat.lstat(f).isFile()).isTrue();
        assertThat(FileStat.lstat(l).isSymlink()).isTrue();
        assertThat(FileStat.lstat(dir).isDir()).isTrue();
        assertThat(FileStat.lstat(f).size()).isEqualTo(3);
    }
}
