package dev.omni.core.memory;

import dev.omni.core.OmniException;

/** What a memory item must satisfy, whoever made it: the CLI, an import, another device. */
final class MemoryRules {
    /** Longer text is a document, not a memory; it would also bloat every digest. */
    static final int MAX_CONTENT = 100_000;
    static final int MAX_TAG = 64;

    private MemoryRules() {
    }

    static void check(MemoryItem m) {
        if (m.content() == null || m.content().isBlank()) {
            throw OmniException.invalid("a memory item needs text");
        }
        if (m.content().length() > MAX_CONTENT) {
            throw OmniException.invalid("memory text is too long (" + m.content().length() + " characters, at most " + MAX_CONTENT + ")");
        }
        if (!(m.importance() >= 0 && m.importance() <= 1)) {
            throw OmniException.invalid("importance must be between 0 and 1, not " + m.importance());
        }
        for (String t : m.tags()) {
            if (t.length() > MAX_TAG || t.chars().anyMatch(Character::isWhitespace)) {
                throw OmniException.invalid("bad tag '" + t + "': at most " + MAX_TAG + " characters, no spaces");
            }
        }
        boolean next = m.type() == MemoryType.NEXT_STEP;
        if (!next && (m.status() != null || m.priority() != null || m.effort() != null)) {
            throw OmniException.invalid("status, priority and effort belong to next steps, not to a " + m.type().wire());
        }
        if (next && m.status() == null) {
            throw OmniException.invalid("a next step needs a status");
        }
        if (m.priority() != null && (m.priority() < 1 || m.priority() > 3)) {
            throw OmniException.invalid("priority must be 1 (high), 2 or 3 (low), not " + m.priority());
        }
        if (m.category() != null && m.type() != MemoryType.DECISION) {
            throw OmniException.invalid("a category belongs to decisions, not to a " + m.type().wire());
        }
        if (m.createdAt() == null || m.updatedAt() == null || m.deviceId() == null) {
            throw OmniException.invalid("a memory item needs created_at, updated_at and device_id");
        }
    }
}
