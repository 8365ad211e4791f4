-- omni's local store, version 6: agent turns (a checkpoint before and after each turn of a coding
-- agent, taken by its hooks), and the API response a message belongs to (usage is counted once per
-- response). Local only: turns are not synced (each machine checkpoints its own working copies).

CREATE TABLE agent_turns (
    pk                 INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,            -- ULID
    agent              TEXT NOT NULL,                   -- claude, codex
    session_id         TEXT NOT NULL,                   -- the agent's own session id
    turn               INTEGER NOT NULL,                -- 1, 2, 3... within the session
    project_id         TEXT NOT NULL,
    workspace_id       TEXT NOT NULL,
    prompt             TEXT,                            -- the start of the user's prompt
    before_snapshot_id TEXT,                            -- the working copy before the turn
    after_snapshot_id  TEXT,                            -- ... and after it (null while it runs)
    transcript_path    TEXT,
    started_at         TEXT NOT NULL,
    ended_at           TEXT,
    conversation_id    TEXT,                            -- set once the transcript is imported
    message_id         TEXT,                            -- the user message that started the turn
    UNIQUE (agent, session_id, turn)
);
CREATE INDEX agent_turns_workspace ON agent_turns(workspace_id, started_at);
CREATE INDEX agent_turns_session ON agent_turns(session_id, turn);
CREATE INDEX agent_turns_before ON agent_turns(before_snapshot_id);
CREATE INDEX agent_turns_after ON agent_turns(after_snapshot_id);

-- Claude Code writes one line per content block of an API response, each with the response's
-- usage: usage is counted once per (conversation, response_id).
ALTER TABLE messages ADD COLUMN response_id TEXT;
CREATE INDEX messages_response ON messages(conversation_pk, response_id) WHERE response_id IS NOT NULL;
