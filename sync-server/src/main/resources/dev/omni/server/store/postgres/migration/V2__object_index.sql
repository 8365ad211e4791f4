-- Where each user's objects live (the SQLite store's V2). With the S3 object store a pack is one
-- object in the bucket, written whole before its rows are inserted; an object streamed on its own
-- (a large one) has no pack. With the disk store on PostgreSQL, packs are files as with SQLite.

CREATE TABLE object_packs (
    user_id TEXT NOT NULL,
    name    TEXT NOT NULL,
    length  BIGINT NOT NULL,
    PRIMARY KEY (user_id, name)
);

-- pack_offset is the offset of the entry header (the SQLite column is named offset, a reserved
-- word here); NULL with pack for an object stored on its own.
CREATE TABLE objects (
    user_id     TEXT NOT NULL,
    id          TEXT NOT NULL,
    pack        TEXT,
    pack_offset BIGINT,
    size        BIGINT NOT NULL,
    stored      BIGINT NOT NULL,
    encoding    INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
);

CREATE TABLE server_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
