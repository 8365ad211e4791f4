-- omni's local store, version 3: project memory, AI conversations, one search, and the outbox of
-- local changes that sync will push. (Version 2 is another feature's; this file needs only V1.)
-- Times are ISO-8601 UTC text with milliseconds, like V1. Ids are ULIDs. Tables that feed an FTS5
-- index have an INTEGER PRIMARY KEY: FTS5 keys its rows by rowid, and VACUUM may renumber the
-- implicit rowid of a table without one.
-- project_id and workspace_id carry no foreign keys: sync may deliver memory and conversations
-- before the projects and workspaces they belong to.

CREATE TABLE memory_items (
    pk           INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    project_id   TEXT,                                  -- NULL: global (every project)
    type         TEXT NOT NULL CHECK (type IN ('fact', 'decision', 'preference', 'next_step', 'note', 'skill', 'event')),
    content      TEXT NOT NULL,
    rationale    TEXT,                                  -- decisions: why
    category     TEXT,                                  -- decisions: architecture, scope, tech_choice, ...
    status       TEXT CHECK (status IN ('pending', 'started', 'completed', 'dismissed')),  -- next steps
    priority     INTEGER CHECK (priority BETWEEN 1 AND 3),                                -- next steps: 1 high
    effort       TEXT CHECK (effort IN ('small', 'medium', 'large')),                     -- next steps
    tags         TEXT NOT NULL DEFAULT '[]',            -- JSON array of strings, sorted
    importance   REAL NOT NULL DEFAULT 0.5 CHECK (importance BETWEEN 0 AND 1),
    source_kind  TEXT,                                  -- provenance: cli, conversation, message, snapshot, import
    source_id    TEXT,
    access_count INTEGER NOT NULL DEFAULT 0,            -- local statistics: not synced, not in the history
    accessed_at  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,                         -- with device_id: last writer wins, (updated_at, device_id)
    deleted_at   TEXT,                                  -- soft delete; restore clears it
    device_id    TEXT NOT NULL,                         -- the device that made the last change
    version      INTEGER NOT NULL DEFAULT 1             -- counts local changes
);
CREATE INDEX memory_items_project ON memory_items(project_id, type, updated_at);

-- Every change of an item, with its full state after the change.
CREATE TABLE memory_history (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    memory_id TEXT NOT NULL,
    version   INTEGER NOT NULL,
    op        TEXT NOT NULL,                            -- create, update, delete, restore
    data      TEXT NOT NULL,
    device_id TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX memory_history_item ON memory_history(memory_id, seq);

-- Only live items are indexed: the index reads its text through this view, so FTS5's own
-- 'rebuild' and 'integrity-check' agree with the triggers below.
CREATE VIEW memory_live AS SELECT pk, content, rationale, tags FROM memory_items WHERE deleted_at IS NULL;
CREATE VIRTUAL TABLE memory_fts USING fts5(content, rationale, tags, content = 'memory_live', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');

CREATE TRIGGER memory_items_ai AFTER INSERT ON memory_items WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO memory_fts(rowid, content, rationale, tags) VALUES (new.pk, new.content, new.rationale, new.tags);
END;
CREATE TRIGGER memory_items_ad AFTER DELETE ON memory_items WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO memory_fts(memory_fts, rowid, content, rationale, tags) VALUES ('delete', old.pk, old.content, old.rationale, old.tags);
END;
CREATE TRIGGER memory_items_au AFTER UPDATE OF content, rationale, tags, deleted_at ON memory_items BEGIN
    INSERT INTO memory_fts(memory_fts, rowid, content, rationale, tags)
        SELECT 'delete', old.pk, old.content, old.rationale, old.tags WHERE old.deleted_at IS NULL;
    INSERT INTO memory_fts(rowid, content, rationale, tags)
        SELECT new.pk, new.content, new.rationale, new.tags WHERE new.deleted_at IS NULL;
END;

-- One conversation with an AI agent, imported from its transcript. (source, external_id) names it
-- in its tool (Claude Code's session id, Codex's rollout id, ...), so a re-import finds it again.
CREATE TABLE conversations (
    pk              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    source          TEXT NOT NULL,                      -- claude, codex, aider, json
    external_id     TEXT NOT NULL,
    project_id      TEXT,
    workspace_id    TEXT,
    title           TEXT,
    cwd             TEXT,
    model           TEXT,
    source_path     TEXT,
    message_count   INTEGER NOT NULL DEFAULT 0,
    input_tokens    INTEGER NOT NULL DEFAULT 0,
    output_tokens   INTEGER NOT NULL DEFAULT 0,
    started_at      TEXT,
    last_message_at TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,                               -- removed: messages are gone, the row stops re-imports
    device_id       TEXT NOT NULL,
    UNIQUE (source, external_id)
);
CREATE INDEX conversations_workspace ON conversations(workspace_id, last_message_at);
CREATE INDEX conversations_project ON conversations(project_id, last_message_at);
CREATE INDEX conversations_last ON conversations(last_message_at);

-- seq is unique within a conversation (the invariant of seed 000's run events); external_id is
-- the message's key in its transcript (a uuid, a line number), so a re-import adds nothing twice.
CREATE TABLE messages (
    pk                 INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    conversation_pk    INTEGER NOT NULL REFERENCES conversations(pk) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    external_id        TEXT NOT NULL,
    parent_external_id TEXT,
    role               TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content            TEXT NOT NULL,                   -- the searchable text of all blocks
    blocks             TEXT,                            -- JSON content blocks (text, tool_use, tool_result, thinking, ...); NULL for plain text
    model              TEXT,
    input_tokens       INTEGER,
    output_tokens      INTEGER,
    usage              TEXT,                            -- the transcript's full usage record, JSON
    created_at         TEXT,
    UNIQUE (conversation_pk, seq),
    UNIQUE (conversation_pk, external_id)
);

CREATE VIRTUAL TABLE messages_fts USING fts5(content, content = 'messages', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2');

-- New messages are indexed by whoever inserts them, in the same transaction, with one
-- INSERT INTO messages_fts ... SELECT over the rows just added (ConversationWriter): a trigger
-- per row made importing a large transcript 2.5 times slower. Deletes and updates are rare and
-- use triggers.

CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.pk, old.content);
END;
CREATE TRIGGER messages_au AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.pk, old.content);
    INSERT INTO messages_fts(rowid, content) VALUES (new.pk, new.content);
END;

-- What 'omni conv scan' saw of each transcript file, so that an unchanged file is not read again.
CREATE TABLE transcript_files (
    path        TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    modified_ms INTEGER NOT NULL,
    scanned_at  TEXT NOT NULL
);

-- The file paths of each workspace's current snapshot, for 'omni search'; filled lazily when a
-- search finds that a workspace's head moved.
CREATE TABLE search_paths (
    pk           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    path         TEXT NOT NULL
);
CREATE INDEX search_paths_workspace ON search_paths(workspace_id);
CREATE TABLE search_paths_state (
    workspace_id TEXT PRIMARY KEY,
    snapshot_id  TEXT NOT NULL,
    indexed_at   TEXT NOT NULL
);
CREATE VIRTUAL TABLE search_paths_fts USING fts5(path, content = 'search_paths', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER search_paths_ai AFTER INSERT ON search_paths BEGIN
    INSERT INTO search_paths_fts(rowid, path) VALUES (new.pk, new.path);
END;
CREATE TRIGGER search_paths_ad AFTER DELETE ON search_paths BEGIN
    INSERT INTO search_paths_fts(search_paths_fts, rowid, path) VALUES ('delete', old.pk, old.path);
END;

-- Local changes to memory items, conversations and messages, in order, written in the same
-- transaction as the change. Sync pushes them as PROTOCOL.md's POST /changes
-- [{seq, type, entity_id, op, data, at}] and sets pushed_at.
CREATE TABLE outbox (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    type      TEXT NOT NULL,                            -- memory_item, conversation, message
    entity_id TEXT NOT NULL,
    op        TEXT NOT NULL,                            -- create, update, delete, restore
    data      TEXT NOT NULL,                            -- JSON: the entity's full state after the change
    at        TEXT NOT NULL,
    pushed_at TEXT
);
CREATE INDEX outbox_pending ON outbox(seq) WHERE pushed_at IS NULL;
