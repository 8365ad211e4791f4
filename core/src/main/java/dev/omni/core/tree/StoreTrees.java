package dev.omni.core.tree;

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
            t = decode(id, store.read(id), path);
            cache.put(id, t);
        }
        return t;
    }

    private static Tree decode(ObjectId id, byte[] bytes, String path) {
        try {
            return TreeCodec.decodeTrusted(bytes);
        } catch (MalformedTreeException e) {
            throw new CorruptObjectException(id, "not a valid tree" + (path.isEmpty() ? "" : " at " + path) + ": " + e.getMessage());
        }
    }

    /**
     * Reads every tree under {@code root} into memory, one level of the hierarchy per batch: a few
     * queries and each storage block decompressed once, instead of one lookup per directory.
     */
    public void loadAll(ObjectId root) {
        java.util.Set<ObjectId> level = new java.util.HashSet<>();
        if (!cache.containsKey(root)) {
            level.add(root);
        }
        while (!level.isEmpty()) {
            java.util.Set<ObjectId> next = new java.util.HashSet<>();
            java.util.Set<ObjectId> wanted = level;
            store.readEach(wanted, (id, data) -> {
                byte[] b = data.bytesOrNull();
                Tree t = decode(id, b != null ? b : data.stream().readAllBytes(), "");
                cache.put(id, t);
            });
            for (ObjectId id : wanted) {
                Tree t = cache.get(id);
                if (t == null) {
                    throw new dev.omni.core.objects.MissingObjectException(id);
                }
                for (dev.omni.core.model.TreeEntry e : t.entries()) {
                    if (e.isDir() && !cache.containsKey(e.hash())) {
                        next.add(e.hash());
                    }
                }
            }
            level = next;
        }
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
