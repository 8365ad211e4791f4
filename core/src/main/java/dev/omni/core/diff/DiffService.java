package dev.omni.core.diff;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.objects.ObjectStore;
import dev.omni.core.tree.StatCache;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.tree.TreeSource;
import dev.omni.core.tree.WorkTree;
import dev.omni.core.tree.WorkTreeScanner;
import dev.omni.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Differences between two snapshots, or between a snapshot and a working copy. */
public final class DiffService {
    /** Files larger than this are reported like binary files instead of being diffed line by line. */
    public static final long MAX_TEXT = 32L << 20;

    private final Omni omni;

    public DiffService(Omni omni) {
        this.omni = omni;
    }

    /** One side of a comparison: a stored tree, or a scanned working copy (whose files are read from disk). */
    public record Side(ObjectId root, Path workingCopy, TreeSource trees) {
    }

    /** The side of nothing at all (everything on the other side is added). */
    public Side emptySide() {
        return snapshotSide(null);
    }

    public Side snapshotSide(ObjectId manifest) {
        return new Side(manifest, null, new StoreTrees(omni.objects()));
    }

    /** Scans the working copy of {@code ws} (without storing anything). */
    public Side workingSide(Workspace ws, Warnings warnings, Progress progress) {
        WorkTree work = WorkTreeScanner.scan(ws.localPath(), StatCache.load(omni.statCacheFile(ws.id())), null, warnings, progress);
        return new Side(work.root(), ws.localPath(), new StoreTrees(omni.objects()).with(work));
    }

    public List<Change> changes(Side a, Side b, Predicate<String> filter) {
        return new TreeDiff(a.trees(), b.trees(), filter).compare(a.root(), b.root());
    }

    /** Line diffs for {@code changes}. */
    public List<FileDiff> contents(List<Change> changes, Side a, Side b, int context) {
        List<FileDiff> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            out.add(content(c, a, b, context));
        }
        return out;
    }

    public FileDiff content(Change c, Side a, Side b, int context) {
        TreeEntry x = c.before();
        TreeEntry y = c.after();
        if ((x != null && !x.isFile()) || (y != null && !y.isFile()) || c.modeOnly()) {
            return new FileDiff(c, false, 0, 0, "");
        }
        if ((x != null && x.size() > MAX_TEXT) || (y != null && y.size() > MAX_TEXT)) {
            return new FileDiff(c, true, 0, 0, "");
        }
        byte[] da = x == null ? null : read(a, c.path(), x);
        byte[] db = y == null ? null : read(b, c.path(), y);
        return LineDiff.diff(c, da, db, context);
    }

    /** The bytes of a file entry on one side. */
    public byte[] read(Side side, String path, TreeEntry e) {
        ObjectStore store = omni.objects();
        if (side.workingCopy() != null && !store.contains(e.hash())) {
            try {
                return Files.readAllBytes(side.workingCopy().resolve(path));
            } catch (NoSuchFileException ex) {
                throw OmniException.notFound(path + " vanished from the working copy while diffing");
            } catch (IOException ex) {
                throw new OmniException(OmniException.Kind.IO, "cannot read " + path + ": " + ex.getMessage(), ex);
            }
        }
        return store.read(e.hash());
    }
}
