-- Where each user's objects live: the object store appends verified objects to per-user pack
-- files (objects/<user>/packs/<pack>.pack) and records them here; an object is visible only once
-- its row is committed. Objects written by versions before packs are loose files
-- (objects/<user>/ab/cdef…): their rows have no pack.

-- Every pack and how far its committed rows reach. A pack longer than `length` holds objects
-- whose rows a crash kept from being committed; the next start re-verifies and indexes them.
CREATE TABLE object_packs (
    user_id TEXT NOT NULL,
    name    TEXT NOT NULL,
    length  INTEGER NOT NULL,
    PRIMARY KEY (user_id, name)
) WITHOUT ROWID;

-- id: lowercase hex SHA-256 of the raw bytes. size: raw bytes; stored: bytes in the pack after the
-- entry header (equal to size unless compressed); encoding: 0 raw, 1 zstd. pack and offset (of
-- the entry header) are NULL for a loose file.
CREATE TABLE objects (
    user_id  TEXT NOT NULL,
    id       TEXT NOT NULL,
    pack     TEXT,
    offset   INTEGER,
    size     INTEGER NOT NULL,
    stored   INTEGER NOT NULL,
    encoding INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
) WITHOUT ROWID;

-- One-off facts about the data directory, e.g. that the loose files of older versions were indexed.
CREATE TABLE server_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
