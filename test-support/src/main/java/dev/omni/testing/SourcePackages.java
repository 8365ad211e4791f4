package dev.omni.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Facts about a module's sources, for the rules that keep the code base tidy. */
public final class SourcePackages {
    private SourcePackages() {
    }

    /**
     * The packages under {@code sourceRoot} (e.g. {@code src/main/java}) that hold Java classes but no
     * {@code package-info.java}, as dotted names. A package-info that only documents compiles to no
     * class file, so this looks at the sources, not the classes.
     */
    public static List<String> withoutPackageInfo(Path sourceRoot) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".java"))
                    .map(Path::getParent)
                    .distinct()
                    .filter(dir -> !Files.isRegularFile(dir.resolve("package-info.java")))
                    .map(dir -> sourceRoot.relativize(dir).toString().replace(java.io.File.separatorChar, '.'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
