package dev.omni.core.snapshot;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.tree.Manifest;
import dev.omni.core.tree.StoreTrees;

/** One file of a snapshot, by path: what {@code file_at} and viewers read. */
public final class SnapshotFiles {
    private final Omni omni;

    public SnapshotFiles(Omni omni) {
        this.omni = omni;
    }

    /** A file's entry and, for a regular file, its bytes (a symlink's are its target). */
    public record File(String path, TreeEntry entry, byte[] content) {
    }

    public File read(Snapshot s, String path) {
        String why = PathRules.whyBadPath(path);
        if (why != null) {
            throw OmniException.invalid(why);
        }
        TreeEntry e = Manifest.lookup(new StoreTrees(omni.objects()), s.manifestHash(), path);
        if (e == null) {
            throw OmniException.notFound("no file '" + path + "' in snapshot " + s.id());
        }
        if (e.isDir()) {
            throw OmniException.invalid("'" + path + "' is a directory in snapshot " + s.id());
        }
        byte[] content = e.isSymlink() ? e.target().getBytes(java.nio.charset.StandardCharsets.UTF_8) : omni.objects().read(e.hash());
        return new File(path, e, content);
    }
}
