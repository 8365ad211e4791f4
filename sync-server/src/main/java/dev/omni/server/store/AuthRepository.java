package dev.omni.server.store;

import java.time.Instant;
import java.util.Optional;

/** Device codes, access tokens and web sessions; every secret is looked up by its SHA-256. */
public interface AuthRepository {
    /** Inserts a device code; false when its user code collides with a live one. */
    boolean insertDeviceCode(DeviceCode code);

    Optional<DeviceCode> deviceCodeByHash(String deviceCodeHash);

    /** The newest request with this normalised user code. */
    Optional<DeviceCode> deviceCodeByUserCode(String userCode);

    /** Records a poll and the interval the client must keep from now on. */
    void recordPoll(String deviceCodeHash, Instant at, long intervalMillis);

    /** Approves or denies a pending, unexpired request; false when it is not pending any more. */
    boolean decide(String userCode, String userId, DeviceCode.Status decision, Instant now);

    /**
     * Atomically marks an approved request consumed and stores its token: a device code yields a
     * token at most once. False when the request was not (or no longer) approved.
     */
    boolean consumeAndIssue(String deviceCodeHash, AccessToken token);

    Optional<AccessToken> tokenByHash(String tokenHash);

    /** Revokes a token; false when there is no such token. Revoking twice is fine. */
    boolean revokeToken(String tokenHash, Instant at);

    void insertSession(WebSession session);

    Optional<WebSession> sessionByHash(String sessionHash);

    void deleteSession(String sessionHash);

    /** Drops expired device codes and sessions (tokens stay, so that a revoked one is recognised). */
    void purgeExpired(Instant now);
}
