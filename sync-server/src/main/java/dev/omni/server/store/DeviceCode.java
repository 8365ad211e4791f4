package dev.omni.server.store;

import java.time.Instant;

/**
 * A device authorization request (RFC 8628). Only the SHA-256 of the device code is kept; the user
 * code is stored normalised (8 letters, no dash).
 */
public record DeviceCode(String deviceCodeHash, String userCode, String clientId, String deviceName, String scope,
                         String requesterAddress, String requesterAgent, Status status, String userId,
                         Instant createdAt, Instant expiresAt, long intervalMillis, Instant lastPollAt) {

    /** Where a request stands; {@code CONSUMED} means its one token was issued. */
    public enum Status { PENDING, APPROVED, DENIED, CONSUMED }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
