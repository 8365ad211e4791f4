package dev.omni.server.testing;

import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeCodec;
import dev.omni.core.model.TreeEntry;
import dev.omni.wire.BatchFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Objects, trees, batches and snapshot bodies for tests, in the real wire formats. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Bytes and their id. */
    public record Obj(ObjectId id, byte[] bytes) {
        public String hex() {
            return id.hex();
        }
    }

    public static Obj blob(String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return new Obj(Hashing.sha256(b), b);
    }

    /** A tree of files named after their content's position, e.g. {@code f0}, {@code f1}. */
    public static Obj tree(List<TreeEntry> entries) {
        List<TreeEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> dev.omni.core.model.PathRules.compareUtf8(a.name(), b.name()));
        byte[] b = TreeCodec.encode(new Tree(sorted));
        return new Obj(Hashing.sha256(b), b);
    }

    public static TreeEntry file(String name, Obj blob) {
        return TreeEntry.file(name, false, blob.bytes().length, blob.id());
    }

    public static TreeEntry dir(String name, Obj tree) {
        return TreeEntry.dir(name, tree.id());
    }

    /** A batch upload body (BATCH-FORMAT.md), encoded as the client encodes it. */
    public static byte[] batch(List<Obj> objects) {
        return BatchFormat.encode(objects.stream().map(o -> o.id().toBytes()).toList(),
                objects.stream().map(Obj::bytes).toList());
    }

    /** A snapshot body of PROTOCOL.md. */
    public static Map<String, Object> snapshot(String projectId, String workspaceId, ObjectId manifest, List<String> parents) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project_id", projectId);
        m.put("workspace_id", workspaceId);
        m.put("manifest_hash", manifest.hex());
        m.put("parents", parents);
        m.put("message", "test snapshot");
        m.put("source", "cli");
        m.put("author", "tester");
        m.put("created_at", "2026-11-21T10:15:30Z");
        m.put("files", 1);
        m.put("bytes", 3);
        return m;
    }
}
