package dev.omni.core.archive;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.objects.ObjectInserter;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.util.Json;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Snapshots to archives and back. */
public final class ArchiveService {
    private final Omni omni;

    public ArchiveService(Omni omni) {
        this.omni = omni;
    }

    public int export(Snapshot snap, Path out, String actor, Progress progress) {
        int n;
        try (ProcessLocks.Held sl = omni.storeShared()) {
            n = new ArchiveExporter(omni.objects()).export(snap, out, progress);
        }
        new ActivityService(omni).record(snap.projectId(), snap.workspaceId(), "export.completed", actor, snap.id().value(),
                "exported " + snap.id().abbrev() + " to " + out.getFileName(), Json.write(Map.of("file", out.toString(), "entries", n)),
                omni.now());
        return n;
    }

    /** The snapshot an import made, and (with a workspace) the safety snapshot taken before it. */
    public record Imported(Snapshot snapshot, SnapshotId safetySnapshot, boolean newProject) {
    }

    /**
     * Imports an archive as a snapshot. With {@code workspace}, the snapshot becomes that workspace's
     * head and its working copy is updated (after a safety snapshot); otherwise the snapshot belongs to
     * {@code project} (or, when null, to a new project named after the archive) and no working copy.
     */
    public Imported importArchive(Path archive, Workspace workspace, Project project, String message, String actor,
                                  Warnings warnings, Progress progress) {
        String name = archive.getFileName().toString().replaceAll("\\.(tar\\.zst|tzst|tar\\.gz|tgz|zip)$", "");
        String msg = message != null ? message : "import of " + archive.getFileName();
        if (workspace != null) {
            return intoWorkspace(archive, workspace, msg, actor, warnings, progress);
        }
        try (ProcessLocks.Held sl = omni.storeShared(); ObjectInserter ins = omni.objects().newInserter()) {
            ArchiveImporter.Imported tree = new ArchiveImporter(ins, warnings).read(archive, progress);
            ins.flush();
            WorkspaceService workspaces = new WorkspaceService(omni);
            return omni.db().transaction(() -> {
                Project p = project;
                boolean created = false;
                if (p == null) {
                    p = workspaces.createProject(name, actor, " from " + archive.getFileName());
                    created = true;
                }
                Snapshot s = new Snapshot(SnapshotId.of(omni.ulid()), p.id(), null, tree.root(), List.of(), "import", msg,
                        omni.author(), omni.now(), tree.files(), tree.bytes(), null, null);
                ins.commit();
                new SnapshotService(omni).insert(s);
                workspaces.touchProject(p.id(), omni.now());
                new ActivityService(omni).record(p.id(), null, "import.completed", actor, s.id().value(), msg,
                        Json.write(Map.of("file", archive.toString(), "files", s.files(), "bytes", s.bytes())), omni.now());
                return new Imported(s, null, created);
            });
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot store objects: " + e.getMessage(), e);
        }
    }

    private Imported intoWorkspace(Path archive, Workspace ws, String msg, String actor, Warnings warnings, Progress progress) {
        SnapshotService snaps = new SnapshotService(omni);
        try (ProcessLocks.Held wl = omni.workspaceLock(ws.id()); ProcessLocks.Held sl = omni.storeShared();
             ObjectInserter ins = omni.objects().newInserter()) {
            ArchiveImporter.Imported tree = new ArchiveImporter(ins, warnings).read(archive, progress);
            ins.flush();
            SnapshotService.Taken safety = snaps.takeLocked(ws, SnapshotService.Options.of(
                    "safety snapshot before importing " + archive.getFileName(), actor), warnings, Progress.NONE);
            Workspace w = new WorkspaceService(omni).find(ws.id()).orElseThrow();
            Snapshot s = new Snapshot(SnapshotId.of(omni.ulid()), w.projectId(), w.id(), tree.root(),
                    w.currentSnapshot() == null ? List.of() : List.of(w.currentSnapshot()), "import", msg, omni.author(),
                    omni.now(), tree.files(), tree.bytes(), null, null);
            omni.db().transaction(() -> {
                ins.commit();
                snaps.record(w, s, ins.objectsWritten(), ins.bytesWritten());
                return null;
            });
            new RestoreService(omni).materializeLocked(w, s, safety.work(), warnings, progress);
            return new Imported(s, safety.recorded() ? safety.snapshot().id() : null, false);
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot store objects: " + e.getMessage(), e);
        }
    }
}
