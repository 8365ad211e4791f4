package dev.omni.server.sync;

import dev.omni.core.model.MalformedTreeException;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeCodec;
import dev.omni.core.model.TreeEntry;
import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.objects.ObjectStore;
import dev.omni.server.store.SyncRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that everything a manifest reaches is on the server before its snapshot is accepted:
 * walks the trees (decoded strictly with {@link TreeCodec}) and looks up the file objects of each
 * level in one go. Trees already proven complete for the user are skipped, so an unchanged subtree
 * costs one lookup, not a walk.
 */
final class Reachability {
    /** How many missing ids an error lists; the client asks {@code /objects/missing} for the rest. */
    static final int MAX_REPORTED = 1000;
    private final ObjectStore objects;
    private final SyncRepository sync;
    private final long maxTreeBytes;

    Reachability(ObjectStore objects, SyncRepository sync, long maxTreeBytes) {
        this.objects = objects;
        this.sync = sync;
        this.maxTreeBytes = maxTreeBytes;
    }

    /** Throws 422 {@code missing_objects} (with the ids) or {@code invalid_manifest}. */
    void requireComplete(String userId, ObjectId manifest) {
        Set<ObjectId> missing = new LinkedHashSet<>();
        List<String> walked = new ArrayList<>();
        Set<ObjectId> seen = new HashSet<>();
        Deque<ObjectId> level = new ArrayDeque<>(List.of(manifest));
        while (!level.isEmpty() && missing.size() < MAX_REPORTED) {
            // One level at a time, so that the complete-trees lookup is one query per level.
            List<ObjectId> trees = new ArrayList<>(level);
            level.clear();
            Set<String> done = new HashSet<>(sync.completeTrees(userId, trees.stream().map(ObjectId::hex).toList()));
            List<ObjectId> files = new ArrayList<>();
            for (ObjectId treeId : trees) {
                if (done.contains(treeId.hex())) {
                    continue;
                }
                Tree tree = read(userId, treeId, missing);
                if (tree == null) {
                    continue;
                }
                walked.add(treeId.hex());
                for (TreeEntry e : tree.entries()) {
                    if (e.isDir() && seen.add(e.hash())) {
                        level.add(e.hash());
                    } else if (e.isFile() && seen.add(e.hash())) {
                        files.add(e.hash());
                    }
                }
            }
            // One index lookup for the files of a whole level, not one per file.
            missing.addAll(objects.missing(userId, files));
        }
        if (!missing.isEmpty()) {
            List<String> ids = missing.stream().limit(MAX_REPORTED).map(ObjectId::hex).toList();
            throw new ServerException(ErrorCode.MISSING_OBJECTS, ids.size() + (ids.size() == MAX_REPORTED ? " or more" : "")
                    + " objects the manifest reaches are not on the server; upload them first", Map.of("missing", ids));
        }
        sync.markTreesComplete(userId, walked);
    }

    private Tree read(String userId, ObjectId id, Set<ObjectId> missing) {
        try {
            var stored = objects.open(userId, id);
            if (stored.isEmpty()) {
                missing.add(id);
                return null;
            }
            if (stored.get().size() > maxTreeBytes) {
                stored.get().stream().close();
                throw new ServerException(ErrorCode.INVALID_MANIFEST, "tree " + id.hex() + " is larger than "
                        + maxTreeBytes + " bytes");
            }
            byte[] bytes;
            try (InputStream in = stored.get().stream()) {
                bytes = in.readAllBytes();
            }
            return TreeCodec.decode(bytes);
        } catch (MalformedTreeException e) {
            throw new ServerException(ErrorCode.INVALID_MANIFEST, "object " + id.hex() + " is not a valid tree: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tree " + id.hex(), e);
        }
    }
}
