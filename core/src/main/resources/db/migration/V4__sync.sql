-- What this store knows of the server it syncs with (keyed by the server's URL, so that switching
-- servers starts over cleanly): which projects, workspaces and snapshots are there, the version of
-- each workspace's head there, where the change feeds were last read, and which changes of other
-- devices were applied.

CREATE TABLE remote_projects (
    server        TEXT NOT NULL,
    project_id    TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (server, project_id)
) WITHOUT ROWID;

CREATE TABLE remote_workspaces (
    server        TEXT NOT NULL,
    workspace_id  TEXT NOT NULL,
    version       INTEGER NOT NULL,              -- the head's version on the server, as last seen
    head          TEXT,                          -- the head there, as last seen
    synced_at     TEXT NOT NULL,
    PRIMARY KEY (server, workspace_id)
) WITHOUT ROWID;

CREATE TABLE remote_snapshots (
    server      TEXT NOT NULL,
    snapshot_id TEXT NOT NULL,
    at          TEXT NOT NULL,                   -- when it was pushed or pulled
    PRIMARY KEY (server, snapshot_id)
) WITHOUT ROWID;

CREATE TABLE sync_cursors (
    server TEXT NOT NULL,
    name   TEXT NOT NULL,                        -- 'changes', 'snapshots:<project id>'
    cursor TEXT NOT NULL,
    PRIMARY KEY (server, name)
) WITHOUT ROWID;

-- Changes of other devices, kept once each: applying one twice changes nothing.
CREATE TABLE inbox (
    device_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    op         TEXT NOT NULL,
    at         TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
