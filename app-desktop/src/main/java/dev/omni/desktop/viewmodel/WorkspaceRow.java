package dev.omni.desktop.viewmodel;

import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import java.nio.file.Files;
import java.time.Instant;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One workspace as the projects screen shows it. What needs a scan or a drift computation (local
 * changes, the drift badge) arrives later, in background tasks, and fills in the properties.
 */
public final class WorkspaceRow {
    /** How the workspace stands against the project's main one. */
    public enum Drift { UNKNOWN, MAIN, IN_SYNC, DRIFTED, CONFLICTS, NONE }

    /** The badge: a level for its colour and a short text. */
    public record Badge(Drift level, String text) {
    }

    private final Workspace workspace;
    private final boolean main;
    private final boolean local;
    private final String machine;
    private final String snapshotText;
    private final ReadOnlyStringWrapper changes = new ReadOnlyStringWrapper(this, "changes", "");
    private final ReadOnlyObjectWrapper<Badge> drift = new ReadOnlyObjectWrapper<>(this, "drift", new Badge(Drift.UNKNOWN, "…"));

    public WorkspaceRow(Workspace workspace, boolean main, String thisMachine, String thisMachineName, Snapshot current, Instant now) {
        this.workspace = workspace;
        this.main = main;
        this.local = workspace.machineId().equals(thisMachine) && workspace.localPath() != null
                && Files.isDirectory(workspace.localPath());
        this.machine = workspace.machineId().equals(thisMachine) ? thisMachineName + " (this machine)" : "other machine " + abbrev(workspace.machineId());
        this.snapshotText = current == null ? "no snapshot yet"
                : current.id().abbrev() + " · " + Times.ago(current.createdAt(), now) + " · " + Plural.of(current.files(), "file") + ", "
                + Bytes.human(current.bytes());
        changes.set(local ? "checking…" : "not on this machine");
        if (main) {
            drift.set(new Badge(Drift.MAIN, "main"));
        }
    }

    private static String abbrev(String id) {
        return id.length() > 8 ? id.substring(id.length() - 8) : id;
    }

    public Workspace workspace() {
        return workspace;
    }

    public String id() {
        return workspace.id();
    }

    public String name() {
        return workspace.name();
    }

    public String path() {
        return workspace.localPath() == null ? "" : workspace.localPath().toString();
    }

    public String machine() {
        return machine;
    }

    public boolean isMain() {
        return main;
    }

    /** Its working copy is on this machine. */
    public boolean isLocal() {
        return local;
    }

    public String snapshot() {
        return snapshotText;
    }

    public ReadOnlyStringProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    void setChanges(String text) {
        changes.set(text);
    }

    public ReadOnlyObjectProperty<Badge> driftProperty() {
        return drift.getReadOnlyProperty();
    }

    void setDrift(Badge b) {
        drift.set(b);
    }

    @Override
    public String toString() {
        return workspace.name();
    }
}
