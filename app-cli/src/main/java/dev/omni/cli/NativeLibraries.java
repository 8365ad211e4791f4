package dev.omni.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Keeps the JNI libraries of SQLite and zstd in one directory (the launcher passes
 * {@code -Domni.native.dir}) and points the libraries at them. Left alone, sqlite-jdbc and zstd-jni
 * copy their native code to a new temp file at every start, which costs a CLI tens of milliseconds.
 * Anything unexpected (another platform, a read-only directory) leaves the libraries' own loading.
 */
final class NativeLibraries {
    private NativeLibraries() {
    }

    static void prepare(String dir) {
        if (dir == null || dir.isEmpty()) {
            return;
        }
        Path d = Path.of(dir);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        String sqliteOs = os.contains("linux") ? "Linux" : os.contains("mac") ? "Mac" : null;
        String sqliteArch = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "aarch64" : null;
        if (sqliteOs != null && sqliteArch != null) {
            String name = System.mapLibraryName("sqlitejdbc");
            if (extract("/org/sqlite/native/" + sqliteOs + "/" + sqliteArch + "/" + name, d.resolve(name))) {
                System.setProperty("org.sqlite.lib.path", d.toString());
                System.setProperty("org.sqlite.lib.name", name);
            }
        }
        String zstdOs = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
        if (zstdOs != null) {
            String name = System.mapLibraryName("zstd-jni-" + com.github.luben.zstd.util.ZstdVersion.VERSION);
            if (extract("/" + zstdOs + "/" + arch + "/" + name, d.resolve(name))) {
                System.setProperty("ZstdNativePath", d.resolve(name).toString());
            }
        }
    }

    private static boolean extract(String resource, Path dest) {
        try {
            if (Files.isRegularFile(dest)) {
                return true;
            }
            try (InputStream in = NativeLibraries.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return false;
                }
                Files.createDirectories(dest.getParent());
                Path tmp = Files.createTempFile(dest.getParent(), dest.getFileName().toString(), ".tmp");
                try {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    try {
                        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return Files.isRegularFile(dest);
        }
    }
}
