-- omni's local store, version 1: projects, workspaces, snapshots, the object index, activity.
-- Times are ISO-8601 UTC text with milliseconds ('2026-11-21T22:39:15.123Z'), so they sort as text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE projects (
    id                TEXT PRIMARY KEY,           -- ULID
    name              TEXT NOT NULL,
    main_workspace_id TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE workspaces (
    id                  TEXT PRIMARY KEY,         -- ULID
    project_id          TEXT NOT NULL REFERENCES projects(id),
    name                TEXT NOT NULL,
    machine_id          TEXT,
    local_path          TEXT,
    base_snapshot_id    TEXT,
    current_snapshot_id TEXT,
    last_seen_at        TEXT,
    created_at          TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    merge_history       TEXT NOT NULL DEFAULT '{}',
    UNIQUE (project_id, name)
);
CREATE INDEX workspaces_project ON workspaces(project_id, created_at);
CREATE INDEX workspaces_path ON workspaces(local_path);

CREATE TABLE snapshots (
    id            TEXT PRIMARY KEY,               -- snap-<ULID>
    project_id    TEXT NOT NULL REFERENCES projects(id),
    workspace_id  TEXT,
    manifest_hash TEXT NOT NULL,                  -- root tree id
    source        TEXT NOT NULL,                  -- cli, daemon, gui, merge, import, restore
    message       TEXT,
    author        TEXT,
    created_at    TEXT NOT NULL,
    files         INTEGER NOT NULL,
    bytes         INTEGER NOT NULL,
    git_branch    TEXT,
    git_commit    TEXT
);
CREATE INDEX snapshots_workspace ON snapshots(workspace_id, created_at);
CREATE INDEX snapshots_project ON snapshots(project_id, created_at);

-- The DAG: one row per parent, in order (0 = first parent).
CREATE TABLE snapshot_parents (
    snapshot_id TEXT NOT NULL REFERENCES snapshots(id),
    position    INTEGER NOT NULL,
    parent_id   TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, position)
) WITHOUT ROWID;
CREATE INDEX snapshot_parents_parent ON snapshot_parents(parent_id);

-- Object storage: small objects live in zstd-compressed blocks inside pack files; large ones in
-- loose files (block_id NULL). An object is visible only once its row is committed, which happens
-- after its bytes were written and fsynced.
CREATE TABLE packs (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    bytes      INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE blocks (
    id      INTEGER PRIMARY KEY,
    pack_id INTEGER NOT NULL REFERENCES packs(id),
    offset  INTEGER NOT NULL,                     -- where the compressed bytes start in the pack
    clen    INTEGER NOT NULL,                     -- compressed length
    rlen    INTEGER NOT NULL,                     -- raw length
    codec   INTEGER NOT NULL                      -- 0 raw, 1 zstd
);
CREATE INDEX blocks_pack ON blocks(pack_id);

CREATE TABLE objects (
    id       BLOB PRIMARY KEY,                    -- 32-byte SHA-256 of the raw bytes
    block_id INTEGER REFERENCES blocks(id),       -- NULL: a loose file objects/ab/cdef…
    offset   INTEGER NOT NULL,                    -- offset within the raw block
    size     INTEGER NOT NULL                     -- raw size
) WITHOUT ROWID;
CREATE INDEX objects_block ON objects(block_id);

CREATE TABLE activity (
    id           TEXT PRIMARY KEY,                -- ULID, so ids sort in time order
    project_id   TEXT,
    workspace_id TEXT,
    type         TEXT NOT NULL,                   -- project.created, snapshot.created, ...
    actor        TEXT NOT NULL,                   -- cli, daemon, gui, system
    snapshot_id  TEXT,
    message      TEXT,
    data         TEXT,                            -- JSON details
    created_at   TEXT NOT NULL
);
CREATE INDEX activity_project ON activity(project_id, created_at);
