package dev.omni.core.snapshot;

import dev.omni.core.model.MalformedTreeException;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeCodec;
import dev.omni.core.objects.CorruptObjectException;
import dev.omni.core.objects.ObjectStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Trees read from the object store, decoded once and remembered. */
public final class StoreTrees implements TreeSource {
    private final ObjectStore store;
    private final Map<ObjectId, Tree> cache = new ConcurrentHashMap<>();

    public StoreTrees(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Tree tree(ObjectId id, String path) {
        Tree t = cache.get(id);
        if (t == null) {
            try {
                t = TreeCodec.decode(store.read(id));
            } catch (MalformedTreeException e) {
                throw new CorruptObjectException(id, "not a valid tree" + (path.isEmpty() ? "" : " at " + path) + ": " + e.getMessage());
            }
            cache.put(id, t);
        }
        return t;
    }

    /** A source that prefers the scanned working copy's trees and falls back to the store. */
    public TreeSource with(WorkTree work) {
        return (id, path) -> {
            Tree t = work.tree(path);
            if (t != null && id.equals(work.treeIds().get(path))) {
                return t;
            }
            return tree(id, path);
        };
    }
}
