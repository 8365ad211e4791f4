package dev.omni.core.diff;

import dev.omni.core.model.ObjectId;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.tree.TreeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Compares two trees. Equal subtree ids are skipped without being read, so the cost follows the
 * size of the change, not of the tree. A file that became a directory (or the reverse) is a deletion
 * plus additions.
 */
public final class TreeDiff {
    private final TreeSource before;
    private final TreeSource after;
    private final Predicate<String> pathFilter;

    public TreeDiff(TreeSource before, TreeSource after, Predicate<String> pathFilter) {
        this.before = before;
        this.after = after;
        this.pathFilter = pathFilter == null ? p -> true : pathFilter;
    }

    public static List<Change> compare(TreeSource trees, ObjectId a, ObjectId b) {
        return new TreeDiff(trees, trees, null).compare(a, b);
    }

    /** Changes from {@code a} to {@code b} (either may be null for "nothing"), in path order. */
    public List<Change> compare(ObjectId a, ObjectId b) {
        return compare(a, b, "");
    }

    /** Like {@link #compare(ObjectId, ObjectId)} for two versions of the subtree at {@code basePath}. */
    public List<Change> compare(ObjectId a, ObjectId b, String basePath) {
        List<Change> out = new ArrayList<>();
        diff(a, b, basePath, out);
        return out;
    }

    private void diff(ObjectId a, ObjectId b, String path, List<Change> out) {
        if (a != null && a.equals(b)) {
            return;
        }
        Tree ta = a == null ? Tree.EMPTY : before.tree(a, path);
        Tree tb = b == null ? Tree.EMPTY : after.tree(b, path);
        if (!path.isEmpty() && (a == null || b == null)) {
            // An empty directory is content too: it appears, or goes, as itself.
            if (a == null && tb.isEmpty()) {
                emit(new Change(path, Change.Kind.ADDED, null, TreeEntry.dir(leaf(path), b)), out);
            } else if (b == null && ta.isEmpty()) {
                emit(new Change(path, Change.Kind.DELETED, TreeEntry.dir(leaf(path), a), null), out);
            }
        }
        List<TreeEntry> ea = ta.entries();
        List<TreeEntry> eb = tb.entries();
        int i = 0;
        int j = 0;
        while (i < ea.size() || j < eb.size()) {
            int c;
            if (i >= ea.size()) {
                c = 1;
            } else if (j >= eb.size()) {
                c = -1;
            } else {
                c = PathRules.compareUtf8(ea.get(i).name(), eb.get(j).name());
            }
            if (c < 0) {
                removed(ea.get(i), path, out);
                i++;
            } else if (c > 0) {
                added(eb.get(j), path, out);
                j++;
            } else {
                both(ea.get(i), eb.get(j), path, out);
                i++;
                j++;
            }
        }
    }

    private void both(TreeEntry x, TreeEntry y, String parent, List<Change> out) {
        String p = PathRules.join(parent, x.name());
        if (x.isDir() && y.isDir()) {
            diff(x.hash(), y.hash(), p, out);
        } else if (x.isDir()) {
            diff(x.hash(), null, p, out);
            added(y, parent, out);
        } else if (y.isDir()) {
            removed(x, parent, out);
            diff(null, y.hash(), p, out);
        } else if (!x.sameContent(y)) {
            if (x.type() != y.type()) {
                emit(new Change(p, Change.Kind.DELETED, x, null), out);
                emit(new Change(p, Change.Kind.ADDED, null, y), out);
            } else {
                emit(new Change(p, Change.Kind.MODIFIED, x, y), out);
            }
        }
    }

    private void removed(TreeEntry e, String parent, List<Change> out) {
        String p = PathRules.join(parent, e.name());
        if (e.isDir()) {
            diff(e.hash(), null, p, out);
        } else {
            emit(new Change(p, Change.Kind.DELETED, e, null), out);
        }
    }

    private void added(TreeEntry e, String parent, List<Change> out) {
        String p = PathRules.join(parent, e.name());
        if (e.isDir()) {
            diff(null, e.hash(), p, out);
        } else {
            emit(new Change(p, Change.Kind.ADDED, null, e), out);
        }
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void emit(Change c, List<Change> out) {
        if (pathFilter.test(c.path())) {
            out.add(c);
        }
    }
}
