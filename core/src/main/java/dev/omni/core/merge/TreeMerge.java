package dev.omni.core.merge;

import dev.omni.core.diff.LineDiff;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeCodec;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.objects.ObjectInserter;
import dev.omni.core.objects.ObjectStore;
import dev.omni.core.tree.TreeSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.ContentMergeStrategy;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * Merges two trees against their common base. A subtree that is the same on both sides, or that
 * only one side changed, is taken whole without being read. Files changed on both sides are merged
 * line by line (JGit's three-way merge); what cannot be merged is a {@link Conflict}, resolved by
 * the {@link Strategy}: conflict markers, ours or theirs. A binary file changed on both sides keeps
 * ours and gets theirs beside it as {@code NAME.theirs}. Deletion against modification is a
 * conflict; executable bits and symlinks merge like content.
 *
 * <p>With an inserter, new blobs and trees are stored; without one, only ids are computed (drift,
 * dry runs).
 */
public final class TreeMerge {
    /** Files larger than this are merged as binary. */
    static final long MAX_TEXT = 32L << 20;

    /** How overlapping changes are resolved. */
    public enum Strategy { MANUAL, OURS, THEIRS }

    /** A path that the merge could not settle by itself. */
    public record Conflict(String path, Kind kind, String detail) {
        /** What kind of disagreement. */
        public enum Kind { CONTENT, BINARY, DELETE_MODIFY, TYPE, MODE, SYMLINK }
    }

    /** How a path that changed since the base came out. */
    public enum Outcome { ONLY_OURS, ONLY_THEIRS, BOTH_SAME, BOTH_MERGED, BOTH_CONFLICT }

    /** The merged tree, the conflicts, and every changed path with its outcome (in path order). */
    public record Result(ObjectId tree, List<Conflict> conflicts, Map<String, Outcome> changes) {
        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    private final ObjectStore store;
    private final TreeSource trees;
    private final ObjectInserter inserter;
    private final Strategy strategy;
    private final String oursLabel;
    private final String theirsLabel;
    private java.nio.file.Path oursDir;
    private final List<Conflict> conflicts = new ArrayList<>();
    private final Map<String, Outcome> changes = new TreeMap<>(PathRules.UTF8_ORDER);

    public TreeMerge(ObjectStore store, TreeSource trees, ObjectInserter inserter, Strategy strategy, String oursLabel,
                     String theirsLabel) {
        this.store = store;
        this.trees = trees;
        this.inserter = inserter;
        this.strategy = strategy;
        this.oursLabel = oursLabel;
        this.theirsLabel = theirsLabel;
    }

    /**
     * Ours is a scanned working copy whose changed files are not stored: read them from {@code dir}
     * (drift with uncommitted changes, dry runs).
     */
    public TreeMerge readingOursFrom(java.nio.file.Path dir) {
        this.oursDir = dir;
        return this;
    }

    /** Merges {@code ours} and {@code theirs}; {@code base} null for unrelated histories. */
    public Result merge(ObjectId base, ObjectId ours, ObjectId theirs) {
        ObjectId tree = mergeDir("", base, ours, theirs);
        return new Result(tree == null ? store(Tree.EMPTY) : tree, List.copyOf(conflicts), changes);
    }

    /** Merges three versions of a directory (any may be null); null when the result is no directory. */
    private ObjectId mergeDir(String path, ObjectId b, ObjectId o, ObjectId t) {
        if (Objects.equals(o, t)) {
            if (!Objects.equals(o, b)) {
                noteAll(path, b, o, Outcome.BOTH_SAME);
            }
            return o;
        }
        if (Objects.equals(o, b)) {
            noteAll(path, b, t, Outcome.ONLY_THEIRS);
            return t;
        }
        if (Objects.equals(t, b)) {
            noteAll(path, b, o, Outcome.ONLY_OURS);
            return o;
        }
        Tree tb = b == null ? Tree.EMPTY : trees.tree(b, path);
        Tree to = o == null ? Tree.EMPTY : trees.tree(o, path);
        Tree tt = t == null ? Tree.EMPTY : trees.tree(t, path);
        Map<String, TreeEntry> out = new TreeMap<>(PathRules.UTF8_ORDER);
        java.util.SortedSet<String> names = new java.util.TreeSet<>(PathRules.UTF8_ORDER);
        tb.entries().forEach(e -> names.add(e.name()));
        to.entries().forEach(e -> names.add(e.name()));
        tt.entries().forEach(e -> names.add(e.name()));
        for (String name : names) {
            mergeEntry(PathRules.join(path, name), name, tb.get(name), to.get(name), tt.get(name), out);
        }
        if (out.isEmpty() && o == null && t == null) {
            return null;
        }
        return store(new Tree(new ArrayList<>(out.values())));
    }

    private void mergeEntry(String path, String name, TreeEntry b, TreeEntry o, TreeEntry t, Map<String, TreeEntry> out) {
        if (same(o, t)) {
            if (!same(o, b)) {
                note(path, b, o, Outcome.BOTH_SAME);
            }
            put(out, o);
            return;
        }
        if (same(o, b)) {
            note(path, b, t, Outcome.ONLY_THEIRS);
            put(out, t);
            return;
        }
        if (same(t, b)) {
            note(path, b, o, Outcome.ONLY_OURS);
            put(out, o);
            return;
        }
        // Both sides changed this name, differently.
        boolean oDir = o != null && o.isDir();
        boolean tDir = t != null && t.isDir();
        if ((oDir || o == null) && (tDir || t == null) && (b == null || b.isDir())) {
            ObjectId merged = mergeDir(path, b == null ? null : b.hash(), oDir ? o.hash() : null, tDir ? t.hash() : null);
            if (merged != null) {
                out.put(name, TreeEntry.dir(name, merged));
            }
            return;
        }
        if (o == null || t == null) {
            deleteModify(path, name, b, o, t, out);
        } else if (o.type() != t.type()) {
            conflict(path, Conflict.Kind.TYPE, "a " + o.type().wire() + " in ours, a " + t.type().wire() + " in theirs");
            side(name, o, t, out);
        } else if (o.isSymlink()) {
            conflict(path, Conflict.Kind.SYMLINK, "ours points to " + o.target() + ", theirs to " + t.target());
            side(name, o, t, out);
        } else {
            mergeFiles(path, name, b != null && b.isFile() ? b : null, o, t, out);
        }
    }

    private void deleteModify(String path, String name, TreeEntry b, TreeEntry o, TreeEntry t, Map<String, TreeEntry> out) {
        TreeEntry kept = o != null ? o : t;
        String who = o == null ? "deleted in ours, changed in theirs" : "changed in ours, deleted in theirs";
        if (kept.isDir()) {
            // A directory deleted on one side and changed inside on the other: settle file by file.
            ObjectId merged = mergeDir(path, b == null ? null : b.hash(), o == null ? null : o.hash(), t == null ? null : t.hash());
            if (merged != null) {
                out.put(name, TreeEntry.dir(name, merged));
            }
            return;
        }
        changes.put(path, strategy == Strategy.MANUAL ? Outcome.BOTH_CONFLICT : Outcome.BOTH_MERGED);
        switch (strategy) {
            case OURS -> put(out, o);
            case THEIRS -> put(out, t);
            default -> {
                conflicts.add(new Conflict(path, Conflict.Kind.DELETE_MODIFY, who));
                put(out, kept);
            }
        }
    }

    private void mergeFiles(String path, String name, TreeEntry b, TreeEntry o, TreeEntry t, Map<String, TreeEntry> out) {
        boolean exec = mergeMode(path, b, o, t);
        if (Objects.equals(o.hash(), t.hash())) {
            changes.put(path, Outcome.BOTH_MERGED);
            out.put(name, TreeEntry.file(name, exec, o.size(), o.hash()));
            return;
        }
        byte[] base = b == null ? new byte[0] : read(b, path, false);
        byte[] ours = read(o, path, true);
        byte[] theirs = read(t, path, false);
        if (ours == null || theirs == null || base == null || LineDiff.isBinary(base) || LineDiff.isBinary(ours)
                || LineDiff.isBinary(theirs)) {
            conflictBinary(path, name, exec, o, t, out);
            return;
        }
        MergeAlgorithm algorithm = new MergeAlgorithm();
        if (strategy == Strategy.OURS) {
            algorithm.setContentMergeStrategy(ContentMergeStrategy.OURS);
        } else if (strategy == Strategy.THEIRS) {
            algorithm.setContentMergeStrategy(ContentMergeStrategy.THEIRS);
        }
        MergeResult<RawText> r = algorithm.merge(RawTextComparator.DEFAULT, new RawText(base), new RawText(ours), new RawText(theirs));
        byte[] merged = format(r);
        boolean conflicted = r.containsConflicts();
        if (conflicted) {
            conflicts.add(new Conflict(path, Conflict.Kind.CONTENT, "overlapping changes; conflict markers written"));
            changes.put(path, Outcome.BOTH_CONFLICT);
        } else {
            changes.put(path, Outcome.BOTH_MERGED);
        }
        out.put(name, TreeEntry.file(name, exec, merged.length, storeBlob(merged)));
    }

    /** Executable bits merge like content; a disagreement keeps ours (MANUAL) and is a conflict. */
    private boolean mergeMode(String path, TreeEntry b, TreeEntry o, TreeEntry t) {
        if (o.executable() == t.executable()) {
            return o.executable();
        }
        if (b != null && o.executable() == b.executable()) {
            return t.executable();
        }
        if (b != null && t.executable() == b.executable()) {
            return o.executable();
        }
        if (strategy == Strategy.THEIRS) {
            return t.executable();
        }
        if (strategy == Strategy.MANUAL) {
            conflicts.add(new Conflict(path, Conflict.Kind.MODE, "executable in " + (o.executable() ? "ours" : "theirs")
                    + " only; kept ours"));
        }
        return o.executable();
    }

    private void conflictBinary(String path, String name, boolean exec, TreeEntry o, TreeEntry t, Map<String, TreeEntry> out) {
        switch (strategy) {
            case OURS -> out.put(name, TreeEntry.file(name, exec, o.size(), o.hash()));
            case THEIRS -> out.put(name, TreeEntry.file(name, exec, t.size(), t.hash()));
            default -> {
                conflicts.add(new Conflict(path, Conflict.Kind.BINARY, "changed on both sides; theirs written to "
                        + leafOf(path) + ".theirs"));
                out.put(name, TreeEntry.file(name, exec, o.size(), o.hash()));
                putBeside(name, t, out);
            }
        }
        changes.put(path, strategy == Strategy.MANUAL ? Outcome.BOTH_CONFLICT : Outcome.BOTH_MERGED);
    }

    /** Type or symlink conflicts: ours stays, theirs goes beside it (MANUAL), or one side is taken. */
    private void side(String name, TreeEntry o, TreeEntry t, Map<String, TreeEntry> out) {
        switch (strategy) {
            case OURS -> put(out, o);
            case THEIRS -> put(out, t);
            default -> {
                put(out, o);
                putBeside(name, t, out);
            }
        }
    }

    private static void putBeside(String name, TreeEntry t, Map<String, TreeEntry> out) {
        String beside = name + ".theirs";
        for (int n = 2; out.containsKey(beside); n++) {
            beside = name + ".theirs" + n;
        }
        out.put(beside, new TreeEntry(beside, t.type(), t.executable(), t.size(), t.hash(), t.target()));
    }

    private void conflict(String path, Conflict.Kind kind, String detail) {
        changes.put(path, strategy == Strategy.MANUAL ? Outcome.BOTH_CONFLICT : Outcome.BOTH_MERGED);
        if (strategy == Strategy.MANUAL) {
            conflicts.add(new Conflict(path, kind, detail + "; kept ours" + (kind == Conflict.Kind.MODE ? "" : ", theirs beside it as .theirs")));
        }
    }

    private byte[] format(MergeResult<RawText> r) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(bos, r, List.of("base", oursLabel, theirsLabel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** The bytes of a file entry, or null when it is too large to merge as text. */
    private byte[] read(TreeEntry e, String path, boolean ours) {
        if (e.size() > MAX_TEXT) {
            return null;
        }
        if (ours && oursDir != null && !store.contains(e.hash())) {
            try {
                return java.nio.file.Files.readAllBytes(oursDir.resolve(path));
            } catch (IOException ex) {
                throw new dev.omni.core.OmniException(dev.omni.core.OmniException.Kind.IO, "cannot read " + path + ": " + ex.getMessage(), ex);
            }
        }
        return store.read(e.hash());
    }

    private ObjectId storeBlob(byte[] data) {
        ObjectId id = Hashing.sha256(data);
        if (inserter != null) {
            inserter.insert(id, data, 0, data.length);
        }
        return id;
    }

    private ObjectId store(Tree tree) {
        byte[] encoded = TreeCodec.encode(tree);
        ObjectId id = Hashing.sha256(encoded);
        if (inserter != null) {
            inserter.insertTree(id, encoded);
        }
        return id;
    }

    private static void put(Map<String, TreeEntry> out, TreeEntry e) {
        if (e != null) {
            out.put(e.name(), e);
        }
    }

    private static boolean same(TreeEntry a, TreeEntry b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.sameContent(b);
    }

    private static String leafOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Records every file under a subtree that one side changed (or both the same way). */
    private void noteAll(String path, ObjectId before, ObjectId after, Outcome outcome) {
        if (path.isEmpty() && before == null && after == null) {
            return;
        }
        for (dev.omni.core.diff.Change c : new dev.omni.core.diff.TreeDiff(trees, trees, null).compare(before, after, path)) {
            changes.put(c.path(), outcome);
        }
    }

    private void note(String path, TreeEntry before, TreeEntry after, Outcome outcome) {
        boolean beforeDir = before != null && before.isDir();
        boolean afterDir = after != null && after.isDir();
        if (beforeDir || afterDir) {
            noteAll(path, beforeDir ? before.hash() : null, afterDir ? after.hash() : null, outcome);
            if (!beforeDir && before != null || !afterDir && after != null) {
                changes.put(path, outcome);
            }
            return;
        }
        changes.put(path, outcome);
    }
}
