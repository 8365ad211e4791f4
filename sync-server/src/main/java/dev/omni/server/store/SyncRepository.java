package dev.omni.server.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Projects, workspaces, snapshots and activity, always within one user: every method takes the
 * user id first, and another user's id behaves as if it did not exist.
 */
public interface SyncRepository {
    Optional<Project> project(String userId, String projectId);

    List<Project> projects(String userId);

    PutOutcome<Project> putProject(String userId, String projectId, String name, String mainWorkspaceId,
                                   String actor, Instant now);

    Optional<Workspace> workspace(String userId, String workspaceId);

    List<Workspace> workspaces(String userId, String projectId);

    /** Registers or updates a workspace; a workspace never changes project ({@code CONFLICT}). */
    PutOutcome<Workspace> putWorkspace(String userId, WorkspaceInput input, String actor, Instant now);

    Optional<Snapshot> snapshot(String userId, String snapshotId);

    /** The ids among {@code snapshotIds} the user has. */
    List<String> existingSnapshots(String userId, Collection<String> snapshotIds);

    /** Stores a snapshot unless one with its id exists; returns the stored one either way. */
    PutOutcome<Snapshot> putSnapshot(String userId, Snapshot snapshot, String actor, Instant now);

    Page<Snapshot> snapshots(String userId, String projectId, long afterSeq, int limit);

    /** Moves a workspace head when {@code expectedVersion} is current (see {@link HeadMove}). */
    HeadMove moveHead(String userId, String workspaceId, String snapshotId, long expectedVersion, String actor,
                      Instant now);

    Page<ActivityEvent> activity(String userId, String projectId, long afterSeq, int limit);

    /** Trees whose every reachable object is known to be present, among {@code treeIds}. */
    List<String> completeTrees(String userId, Collection<String> treeIds);

    void markTreesComplete(String userId, Collection<String> treeIds);
}
