package dev.omni.server.store;

import java.time.Instant;

/** An account. {@code passwordHash} is an Argon2id PHC string, never the password. */
public record User(String id, String email, String name, String passwordHash, Instant createdAt, Instant disabledAt) {
    public boolean disabled() {
        return disabledAt != null;
    }
}
