-- omni's local store, version 7: the semantic index (issue 16). Vectors of memory items and of
-- message chunks, made on this machine by an embedding model that runs in-process. They are never
-- synced: nothing here writes to the outbox, and each machine embeds what it has.

-- The models vectors were made with: name@artifact-version/rRECIPE (EmbeddingModel.id()). Vectors
-- of one model are never compared with another's.
CREATE TABLE semantic_models (
    id         INTEGER PRIMARY KEY,
    model      TEXT NOT NULL UNIQUE,
    dims       INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

-- One vector per memory item (kind 0) and per chunk of a message (kind 1). AUTOINCREMENT: a pk is
-- never reused, so the approximate index (a file beside the store) can name vectors by it.
CREATE TABLE semantic_vectors (
    pk        INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id  INTEGER NOT NULL REFERENCES semantic_models(id),
    kind      INTEGER NOT NULL CHECK (kind IN (0, 1)),
    source_pk INTEGER NOT NULL,                         -- memory_items.pk or messages.pk
    chunk     INTEGER NOT NULL,                         -- 0, 1, ... within a message
    vector    BLOB NOT NULL                             -- one signed byte per dimension (VectorCodec)
);
CREATE INDEX semantic_vectors_source ON semantic_vectors(kind, source_pk);

-- What the index of the current model covers. Messages never change, and a new one always gets a
-- pk above every existing one, so the messages done are one range of pks [msg_low, msg_high]:
-- the indexer takes new messages (above msg_high) first, then older ones downwards (below msg_low),
-- so that recent conversations become searchable first. model_id NULL: nothing indexed yet.
CREATE TABLE semantic_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    model_id   INTEGER REFERENCES semantic_models(id),
    msg_low    INTEGER NOT NULL DEFAULT 1,
    msg_high   INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT
);
INSERT INTO semantic_state(id) VALUES (1);

-- Memory items change: live items whose vector is missing or stale wait here.
CREATE TABLE semantic_queue (
    item_pk INTEGER PRIMARY KEY
);
INSERT INTO semantic_queue(item_pk) SELECT pk FROM memory_items WHERE deleted_at IS NULL;

CREATE TRIGGER semantic_memory_ai AFTER INSERT ON memory_items WHEN new.deleted_at IS NULL BEGIN
    INSERT OR IGNORE INTO semantic_queue(item_pk) VALUES (new.pk);
END;
-- An edit of what is embedded (or a removal, or a restore) drops the vector; a live item waits again.
CREATE TRIGGER semantic_memory_au AFTER UPDATE OF content, rationale, tags, deleted_at ON memory_items
    WHEN old.content IS NOT new.content OR old.rationale IS NOT new.rationale OR old.tags IS NOT new.tags
        OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    DELETE FROM semantic_vectors WHERE kind = 0 AND source_pk = old.pk;
    DELETE FROM semantic_queue WHERE item_pk = old.pk AND new.deleted_at IS NOT NULL;
    INSERT OR IGNORE INTO semantic_queue(item_pk) SELECT new.pk WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER semantic_memory_ad AFTER DELETE ON memory_items BEGIN
    DELETE FROM semantic_vectors WHERE kind = 0 AND source_pk = old.pk;
    DELETE FROM semantic_queue WHERE item_pk = old.pk;
END;

-- A message whose text changed (secrets redacted after the import) loses its vectors and waits here,
-- even inside the range done, to be embedded again.
CREATE TABLE semantic_message_queue (
    message_pk INTEGER PRIMARY KEY
);
CREATE TRIGGER semantic_messages_au AFTER UPDATE OF content, blocks ON messages
    WHEN old.content IS NOT new.content OR old.blocks IS NOT new.blocks BEGIN
    DELETE FROM semantic_vectors WHERE kind = 1 AND source_pk = old.pk;
    INSERT OR IGNORE INTO semantic_message_queue(message_pk) VALUES (new.pk);
END;

-- A removed message loses its vectors. If the newest messages go, the next one inserted reuses
-- their pks: the range done must not cover them any more.
CREATE TRIGGER semantic_messages_ad AFTER DELETE ON messages BEGIN
    DELETE FROM semantic_vectors WHERE kind = 1 AND source_pk = old.pk;
    DELETE FROM semantic_message_queue WHERE message_pk = old.pk;
    UPDATE semantic_state SET msg_high = (SELECT coalesce(max(pk), 0) FROM messages),
                              msg_low = min(msg_low, (SELECT coalesce(max(pk), 0) FROM messages) + 1)
        WHERE msg_high > (SELECT coalesce(max(pk), 0) FROM messages);
END;
