-- Workspaces become first-class: drift reports, merges in progress, removed workspaces.

ALTER TABLE workspaces ADD COLUMN removed_at TEXT;

-- What `omni drift` found: each side's changes since the merge base (paths as JSON arrays).
CREATE TABLE drift_reports (
    id                    TEXT PRIMARY KEY,       -- ULID
    workspace_id          TEXT NOT NULL REFERENCES workspaces(id),
    source_workspace_id   TEXT REFERENCES workspaces(id),
    workspace_snapshot_id TEXT,
    source_snapshot_id    TEXT,
    base_snapshot_id      TEXT,
    dirty                 INTEGER NOT NULL DEFAULT 0,
    source_only           TEXT NOT NULL DEFAULT '[]',
    workspace_only        TEXT NOT NULL DEFAULT '[]',
    both_same             TEXT NOT NULL DEFAULT '[]',
    both_different        TEXT NOT NULL DEFAULT '[]',
    conflicts             TEXT NOT NULL DEFAULT '[]',
    files_added           INTEGER NOT NULL DEFAULT 0,
    files_modified        INTEGER NOT NULL DEFAULT 0,
    files_deleted         INTEGER NOT NULL DEFAULT 0,
    bytes_changed         INTEGER NOT NULL DEFAULT 0,
    summary               TEXT,
    reported_at           TEXT NOT NULL
);
CREATE INDEX drift_reports_workspace ON drift_reports(workspace_id, reported_at);

-- A merge that stopped for conflicts (or was interrupted): what --continue and --abort finish.
CREATE TABLE merge_state (
    workspace_id       TEXT PRIMARY KEY REFERENCES workspaces(id),
    phase              TEXT NOT NULL,             -- applying, resolving
    their_workspace_id TEXT NOT NULL,
    their_snapshot_id  TEXT NOT NULL,
    ours_snapshot_id   TEXT NOT NULL,             -- the safety snapshot taken before the merge
    base_snapshot_id   TEXT,
    merged_tree        TEXT NOT NULL,             -- the tree the working copy is being made into
    strategy           TEXT NOT NULL,             -- manual, ours, theirs
    conflicts          TEXT NOT NULL DEFAULT '[]',
    started_at         TEXT NOT NULL
);
