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

    /**
     * The lines under {@code sourceRoot} whose string literals match {@code pattern}, as
     * {@code path:line: text}: for rules about what messages may say.
     */
    public static List<String> literalsMatching(Path sourceRoot, java.util.regex.Pattern pattern) {
        java.util.regex.Pattern literal = java.util.regex.Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            List<String> out = new java.util.ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    java.util.regex.Matcher m = literal.matcher(lines.get(i));
                    while (m.find()) {
                        if (pattern.matcher(m.group()).find()) {
                            out.add(sourceRoot.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                            break;
                        }
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
