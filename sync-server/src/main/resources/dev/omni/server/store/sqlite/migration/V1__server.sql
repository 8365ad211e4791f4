-- The omni server's metadata (SQLite). Every row of user data carries user_id and is looked up
-- with it: ids are chosen by clients, so each user has a namespace of their own.
-- Server times are epoch milliseconds; times a client sent are kept as the ISO-8601 text it sent.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER
);

-- RFC 8628 requests. Only the SHA-256 of the device code is stored.
CREATE TABLE device_codes (
    device_code_hash TEXT PRIMARY KEY,
    user_code        TEXT NOT NULL,
    client_id        TEXT NOT NULL,
    device_name      TEXT,
    scope            TEXT,
    requester_addr   TEXT,
    requester_agent  TEXT,
    status           TEXT NOT NULL DEFAULT 'PENDING'
                     CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'CONSUMED')),
    user_id          TEXT REFERENCES users (id),
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    interval_ms      INTEGER NOT NULL,
    last_poll_at     INTEGER,
    decided_at       INTEGER
);
CREATE INDEX device_codes_user_code ON device_codes (user_code, created_at);

-- Bearer tokens (seed 001's "sessions"): only their SHA-256.
CREATE TABLE access_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    client_id   TEXT NOT NULL,
    device_name TEXT,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX access_tokens_user ON access_tokens (user_id);

-- Browser sessions of the approval pages: only the SHA-256 of the cookie value.
CREATE TABLE web_sessions (
    session_hash TEXT PRIMARY KEY,
    user_id      TEXT REFERENCES users (id),
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);

CREATE TABLE projects (
    user_id           TEXT NOT NULL REFERENCES users (id),
    id                TEXT NOT NULL,
    name              TEXT NOT NULL,
    main_workspace_id TEXT,
    last_snapshot_id  TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
) WITHOUT ROWID;

CREATE TABLE workspaces (
    user_id             TEXT NOT NULL,
    id                  TEXT NOT NULL,
    project_id          TEXT NOT NULL,
    name                TEXT NOT NULL,
    machine_id          TEXT,
    local_path          TEXT,
    base_snapshot_id    TEXT,
    current_snapshot_id TEXT,
    version             INTEGER NOT NULL DEFAULT 0,
    last_seen_at        INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (user_id, id),
    FOREIGN KEY (user_id, project_id) REFERENCES projects (user_id, id)
) WITHOUT ROWID;
CREATE INDEX workspaces_project ON workspaces (user_id, project_id);

-- seq is the order of receipt: the snapshot listing's cursor.
CREATE TABLE snapshots (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       TEXT NOT NULL,
    id            TEXT NOT NULL,
    project_id    TEXT NOT NULL,
    workspace_id  TEXT,
    manifest_hash TEXT NOT NULL,
    parents       TEXT NOT NULL,
    message       TEXT,
    source        TEXT,
    author        TEXT,
    created_at    TEXT,
    files         INTEGER NOT NULL,
    bytes         INTEGER NOT NULL,
    received_at   INTEGER NOT NULL,
    UNIQUE (user_id, id),
    FOREIGN KEY (user_id, project_id) REFERENCES projects (user_id, id)
);
CREATE INDEX snapshots_project ON snapshots (user_id, project_id, seq);

-- Trees whose whole closure was verified present: a new snapshot re-walks only what changed.
CREATE TABLE complete_trees (
    user_id TEXT NOT NULL,
    tree_id TEXT NOT NULL,
    PRIMARY KEY (user_id, tree_id)
) WITHOUT ROWID;

CREATE TABLE activity (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      TEXT NOT NULL,
    project_id   TEXT NOT NULL,
    workspace_id TEXT,
    snapshot_id  TEXT,
    type         TEXT NOT NULL,
    actor        TEXT,
    message      TEXT,
    at           INTEGER NOT NULL
);
CREATE INDEX activity_project ON activity (user_id, project_id, seq);

-- Per-device change logs; (user, device, seq) once. seq here is the server's cursor.
CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    device_seq  INTEGER NOT NULL,
    type        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    op          TEXT NOT NULL,
    data        TEXT,
    at          TEXT,
    received_at INTEGER NOT NULL,
    UNIQUE (user_id, device_id, device_seq)
);
CREATE INDEX changes_user ON changes (user_id, seq);
