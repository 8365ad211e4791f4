package dev.omni.core.model;

import java.util.Objects;

/**
 * One entry of a directory manifest. Files carry their size, executable bit and content hash;
 * directories the hash of their subtree; symlinks their target (never followed).
 */
public record TreeEntry(String name, EntryType type, boolean executable, long size, ObjectId hash, String target) {
    public TreeEntry {
        PathRules.checkName(name);
        Objects.requireNonNull(type, "type");
        switch (type) {
            case FILE -> {
                Objects.requireNonNull(hash, "a file needs a hash");
                if (size < 0) {
                    throw new IllegalArgumentException("negative size for " + name);
                }
                target = null;
            }
            case DIR -> {
                Objects.requireNonNull(hash, "a directory needs a tree hash");
                size = 0;
                executable = false;
                target = null;
            }
            case SYMLINK -> {
                Objects.requireNonNull(target, "a symlink needs a target");
                if (target.isEmpty() || target.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("invalid symlink target for " + name);
                }
                hash = null;
                size = 0;
                executable = false;
            }
            default -> throw new IllegalArgumentException();
        }
    }

    public static TreeEntry file(String name, boolean executable, long size, ObjectId hash) {
        return new TreeEntry(name, EntryType.FILE, executable, size, hash, null);
    }

    public static TreeEntry dir(String name, ObjectId tree) {
        return new TreeEntry(name, EntryType.DIR, false, 0, tree, null);
    }

    public static TreeEntry symlink(String name, String target) {
        return new TreeEntry(name, EntryType.SYMLINK, false, 0, null, target);
    }

    public boolean isFile() {
        return type == EntryType.FILE;
    }

    public boolean isDir() {
        return type == EntryType.DIR;
    }

    public boolean isSymlink() {
        return type == EntryType.SYMLINK;
    }

    /** The mode as shown to people and stored in trees: {@code 755}/{@code 644} for files. */
    public String modeString() {
        return switch (type) {
            case FILE -> executable ? "755" : "644";
            case DIR -> "dir";
            case SYMLINK -> "link";
        };
    }

    /** Same content, type and mode (the name is not compared). */
    public boolean sameContent(TreeEntry o) {
        return o != null && type == o.type && executable == o.executable
                && Objects.equals(hash, o.hash) && Objects.equals(target, o.target);
    }
}
