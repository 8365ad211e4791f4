package dev.omni.core.tree;

import dev.omni.core.model.ObjectId;
import dev.omni.core.model.Tree;
import java.util.Map;

/**
 * A scanned working copy: its root tree id, every directory's tree id (by path, "" for the root),
 * the trees that had to be built (directories that differ from what the stat cache remembers; the
 * others are in the store already), the number of files and their total size, and the stat cache
 * that describes it ({@code cacheChanged}: whether it differs from the one the scan started from).
 */
public record WorkTree(ObjectId root, Map<String, Tree> trees, Map<String, ObjectId> treeIds, long files, long bytes,
                       StatCache cache, boolean cacheChanged) {
    /** The tree built for {@code dirPath}, or null when the directory was unchanged. */
    public Tree tree(String dirPath) {
        return trees.get(dirPath);
    }
}
