package dev.omni.core.maintenance;

import dev.omni.core.OmniException;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.tree.StoreTrees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Walks every snapshot's trees and collects the ids they reach; each tree is read once. */
final class Reachability {
    private Reachability() {
    }

    /**
     * The ids reached from {@code roots}. A tree that cannot be read is reported to {@code broken}
     * (with the snapshot that reaches it) and its subtree is skipped.
     */
    static Set<ObjectId> walk(StoreTrees trees, Map<SnapshotId, ObjectId> roots, BiConsumer<SnapshotId, OmniException> broken) {
        return walk(trees, roots, broken, new HashSet<>());
    }

    /** Like {@link #walk}, also collecting the ids of the trees among them into {@code treeIds}. */
    static Set<ObjectId> walk(StoreTrees trees, Map<SnapshotId, ObjectId> roots, BiConsumer<SnapshotId, OmniException> broken,
                              Set<ObjectId> treeIds) {
        Set<ObjectId> reached = new HashSet<>();
        for (Map.Entry<SnapshotId, ObjectId> root : roots.entrySet()) {
            Deque<ObjectId> todo = new ArrayDeque<>();
            if (reached.add(root.getValue())) {
                todo.push(root.getValue());
            }
            while (!todo.isEmpty()) {
                ObjectId id = todo.pop();
                Tree t;
                try {
                    t = trees.tree(id, "");
                } catch (OmniException e) {
                    broken.accept(root.getKey(), e);
                    continue;
                }
                treeIds.add(id);
                for (TreeEntry e : t.entries()) {
                    if (e.isDir()) {
                        if (reached.add(e.hash())) {
                            todo.push(e.hash());
                        }
                    } else if (e.isFile()) {
                        reached.add(e.hash());
                    }
                }
            }
        }
        return reached;
    }
}
