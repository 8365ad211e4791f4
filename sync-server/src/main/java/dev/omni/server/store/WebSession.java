package dev.omni.server.store;

import java.time.Instant;

/** A browser session of the approval pages; {@code userId} is null until the visitor signs in. */
public record WebSession(String sessionHash, String userId, String csrfToken, Instant createdAt, Instant expiresAt) {
}
