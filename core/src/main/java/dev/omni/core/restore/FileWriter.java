package dev.omni.core.restore;

import dev.omni.core.model.TreeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts single files, symlinks and directories on disk. Replacing an existing path goes through a
 * temp file in the same directory and a rename, so a crash leaves the old or the new version,
 * never half of one.
 */
final class FileWriter {
    private FileWriter() {
    }

    /** Writes a new file at {@code dest}, which must not exist. */
    static void createFile(Path dest, byte[] data, boolean executable) throws IOException {
        try (FileChannel ch = FileChannel.open(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        if (executable) {
            setExecutable(dest, true);
        }
    }

    /**
     * Like {@link #createFile(Path, byte[], boolean)}, for a directory omni just created and that
     * nobody else writes to: FileOutputStream opens with fewer layers than FileChannel (a restore
     * creates thousands of files), but it would follow a symlink or truncate a file put there.
     */
    static void createFileInFreshDirectory(Path dest, byte[] data, boolean executable) throws IOException {
        try (java.io.FileOutputStream out = new java.io.FileOutputStream(dest.toFile())) {
            out.write(data);
        }
        if (executable) {
            setExecutable(dest, true);
        }
    }

    static void createFile(Path dest, InputStream in, boolean executable) throws IOException {
        try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(out);
        }
        if (executable) {
            setExecutable(dest, true);
        }
    }

    /** Replaces whatever file or symlink is at {@code dest} atomically. */
    static void replaceFile(Path dest, byte[] data, InputStream in, boolean executable) throws IOException {
        Path tmp = tempSibling(dest);
        try {
            if (data != null) {
                createFile(tmp, data, executable);
            } else {
                createFile(tmp, in, executable);
            }
            move(tmp, dest);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void symlink(Path dest, String target, boolean replace) throws IOException {
        if (!replace) {
            Files.createSymbolicLink(dest, Path.of(target));
            return;
        }
        Path tmp = tempSibling(dest);
        try {
            Files.createSymbolicLink(tmp, Path.of(target));
            move(tmp, dest);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void setExecutable(Path p, boolean exec) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        boolean changed;
        if (exec) {
            changed = perms.add(PosixFilePermission.OWNER_EXECUTE);
            if (perms.contains(PosixFilePermission.GROUP_READ)) {
                changed |= perms.add(PosixFilePermission.GROUP_EXECUTE);
            }
            if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                changed |= perms.add(PosixFilePermission.OTHERS_EXECUTE);
            }
        } else {
            changed = perms.remove(PosixFilePermission.OWNER_EXECUTE);
            changed |= perms.remove(PosixFilePermission.GROUP_EXECUTE);
            changed |= perms.remove(PosixFilePermission.OTHERS_EXECUTE);
        }
        if (changed) {
            Files.setPosixFilePermissions(p, perms);
        }
    }

    static Path tempSibling(Path dest) {
        return dest.resolveSibling(".omni-tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static boolean isExec(TreeEntry e) {
        return e.isFile() && e.executable();
    }
}
