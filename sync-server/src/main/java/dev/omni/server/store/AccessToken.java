package dev.omni.server.store;

import java.time.Instant;

/** A bearer token as the server knows it: its SHA-256, owner and lifetime. */
public record AccessToken(String tokenHash, String userId, String clientId, String deviceName,
                          Instant createdAt, Instant expiresAt, Instant revokedAt) {
}
