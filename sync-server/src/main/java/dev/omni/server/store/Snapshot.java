package dev.omni.server.store;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot record as a client sent it, plus {@code seq}, the order in which the server received
 * it (the basis of the listing cursor), and when.
 */
public record Snapshot(String id, String projectId, String workspaceId, String manifestHash, List<String> parents,
                       String message, String source, String author, String createdAt, long files, long bytes,
                       long seq, Instant receivedAt) {
    public Snapshot {
        parents = List.copyOf(parents);
    }

    /** Same content as {@code o}, ignoring what the server added. */
    public boolean sameContent(Snapshot o) {
        return id.equals(o.id) && projectId.equals(o.projectId) && java.util.Objects.equals(workspaceId, o.workspaceId)
                && manifestHash.equals(o.manifestHash) && parents.equals(o.parents)
                && java.util.Objects.equals(message, o.message) && java.util.Objects.equals(source, o.source)
                && java.util.Objects.equals(author, o.author) && java.util.Objects.equals(createdAt, o.createdAt)
                && files == o.files && bytes == o.bytes;
    }
}
