package dev.omni.core.tree;

import dev.omni.core.model.ObjectId;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeEntry;
import java.util.ArrayList;
import java.util.List;

/** The flat view of a tree: every entry with its full path, in path order (depth first). */
public final class Manifest {
    private Manifest() {
    }

    /** One entry with its path relative to the root. */
    public record Item(String path, TreeEntry entry) {
    }

    /** Files, symlinks and directories under {@code root}; directories come before their contents. */
    public static List<Item> flatten(TreeSource trees, ObjectId root) {
        if (trees instanceof StoreTrees st) {
            st.loadAll(root);
        }
        List<Item> out = new ArrayList<>();
        walk(trees, root, "", out);
        return out;
    }

    private static void walk(TreeSource trees, ObjectId id, String path, List<Item> out) {
        Tree t = trees.tree(id, path);
        for (TreeEntry e : t.entries()) {
            String p = PathRules.join(path, e.name());
            out.add(new Item(p, e));
            if (e.isDir()) {
                walk(trees, e.hash(), p, out);
            }
        }
    }

    /** The entry at {@code path} ("" is not an entry), or null. */
    public static TreeEntry lookup(TreeSource trees, ObjectId root, String path) {
        ObjectId cur = root;
        String curPath = "";
        String[] segs = path.split("/");
        for (int i = 0; i < segs.length; i++) {
            TreeEntry e = trees.tree(cur, curPath).get(segs[i]);
            if (e == null) {
                return null;
            }
            if (i == segs.length - 1) {
                return e;
            }
            if (!e.isDir()) {
                return null;
            }
            cur = e.hash();
            curPath = PathRules.join(curPath, segs[i]);
        }
        return null;
    }
}
