package dev.omni.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * File trees for tests: one full of the edge cases a snapshot tool meets, and an exact comparison
 * of two trees (type, bytes, executable bit, symlink target, empty directories).
 */
public final class FileTrees {
    /** Paths (relative, '/'-separated) that the ignore rules of {@link #edgeCases} exclude. */
    public static final Set<String> IGNORED_BY_EDGE_CASES = Set.of("a.log", "build", "sub/secret.txt",
            "sub/deeper/x.tmp", "scratch", "nested/.git");

    private FileTrees() {
    }

    /**
     * Writes the edge-case tree under {@code root}: unicode, spaces, a newline and other odd
     * characters in names, deep nesting, symlinks (to a file, to a directory, dangling, absolute),
     * executable and empty files, empty directories, binary and CRLF content, {@code .gitignore}
     * files at several levels (with a negation), an {@code .omniignore}, a nested {@code .git}, and
     * a pseudo-random file of {@code bigFileBytes} bytes (none when 0).
     */
    public static void edgeCases(Path root, long bigFileBytes) {
        try {
            Files.createDirectories(root);
            write(root.resolve("plain.txt"), "hello\nworld\n");
            write(root.resolve("empty.txt"), "");
            write(root.resolve("exec.sh"), "#!/bin/sh\necho hi\n");
            setExecutable(root.resolve("exec.sh"));
            write(root.resolve("crlf.txt"), "one\r\ntwo\r\n");
            Files.write(root.resolve("binary.dat"), new byte[] {0, 1, 2, 3, 0, (byte) 0xff, 10, 0});
            write(root.resolve("ünïcödé/日本語.txt"), "こんにちは\n");
            write(root.resolve("emoji-😀.md"), "# 😀\n");
            write(root.resolve("cafe\u0301-nfd.txt"), "decomposed name\n");
            write(root.resolve("with space/file name.txt"), "spaces\n");
            write(root.resolve("new\nline.txt"), "a newline in the name\n");
            write(root.resolve("tab\tname"), "tab\n");
            write(root.resolve("back\\slash"), "backslash\n");
            write(root.resolve("\"quoted\".txt"), "quotes\n");
            write(root.resolve("-leading-dash"), "dash\n");
            write(root.resolve(".hidden"), "hidden\n");
            Path deep = root.resolve("deep");
            for (int i = 0; i < 60; i++) {
                deep = deep.resolve("d" + i);
            }
            write(deep.resolve("leaf.txt"), "deep leaf\n");
            Files.createSymbolicLink(root.resolve("link-to-file"), Path.of("plain.txt"));
            Files.createSymbolicLink(root.resolve("link-to-dir"), Path.of("ünïcödé"));
            Files.createSymbolicLink(root.resolve("dangling"), Path.of("does/not/exist"));
            Files.createSymbolicLink(root.resolve("absolute-link"), Path.of("/etc/hostname"));
            Files.createDirectories(root.resolve("empty-dir"));
            Files.createDirectories(root.resolve("nested/empty/inner"));
            write(root.resolve(".gitignore"), "*.log\nbuild/\n");
            write(root.resolve("a.log"), "ignored\n");
            write(root.resolve("build/out.bin"), "ignored build output\n");
            write(root.resolve("sub/.gitignore"), "!keep.log\nsecret.txt\n");
            write(root.resolve("sub/keep.log"), "kept by a negation\n");
            write(root.resolve("sub/secret.txt"), "ignored\n");
            write(root.resolve("sub/deeper/.gitignore"), "*.tmp\n");
            write(root.resolve("sub/deeper/x.tmp"), "ignored\n");
            write(root.resolve("sub/deeper/y.txt"), "kept\n");
            write(root.resolve(".omniignore"), "scratch/\n");
            write(root.resolve("scratch/notes.txt"), "ignored by .omniignore\n");
            write(root.resolve("nested/.git/HEAD"), "ref: refs/heads/main\n");
            if (bigFileBytes > 0) {
                writeRandom(root.resolve("big.bin"), bigFileBytes, 42);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path p, String content) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void setExecutable(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(p, perms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code size} pseudo-random (incompressible) bytes from a fast generator. */
    public static void writeRandom(Path p, long size, long seed) {
        try {
            Files.createDirectories(p.getParent());
            try (OutputStream out = Files.newOutputStream(p)) {
                byte[] buf = new byte[1 << 20];
                long x = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
                long left = size;
                while (left > 0) {
                    for (int i = 0; i < buf.length; i += 8) {
                        x ^= x << 13;
                        x ^= x >>> 7;
                        x ^= x << 17;
                        for (int k = 0; k < 8; k++) {
                            buf[i + k] = (byte) (x >>> (8 * k));
                        }
                    }
                    int n = (int) Math.min(buf.length, left);
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A description of every entry under {@code root} that {@code include} accepts: path →
     * "dir", "file MODE SHA-256" or "symlink -> TARGET". Two trees are the same when their
     * descriptions are equal.
     */
    public static TreeMap<String, String> describe(Path root, Predicate<String> include) {
        TreeMap<String, String> out = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String rel = rel(root, dir);
                    if (!rel.isEmpty()) {
                        if (!include.test(rel)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        out.put(rel, "dir");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = rel(root, file);
                    if (!include.test(rel)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        out.put(rel, "symlink -> " + Files.readSymbolicLink(file));
                    } else if (attrs.isRegularFile()) {
                        boolean exec = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                                .contains(PosixFilePermission.OWNER_EXECUTE);
                        out.put(rel, "file " + (exec ? "755" : "644") + " " + sha256(file));
                    } else {
                        out.put(rel, "other");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Asserts that the two trees hold exactly the same entries, ignoring paths at or under {@code skip}. */
    public static void assertSameTree(Path expected, Path actual, Set<String> skip) {
        Predicate<String> include = p -> skip.stream().noneMatch(s -> p.equals(s) || p.startsWith(s + "/"));
        assertThat(describe(actual, include)).isEqualTo(describe(expected, include));
    }

    /** The edge-case tree's skip list: what omni ignores, plus {@code .omni} and {@code extra}. */
    public static Set<String> skipForEdgeCases(String... extra) {
        java.util.HashSet<String> s = new java.util.HashSet<>(IGNORED_BY_EDGE_CASES);
        s.add(".omni");
        s.addAll(List.of(extra));
        return s;
    }

    public static String sha256(Path file) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
