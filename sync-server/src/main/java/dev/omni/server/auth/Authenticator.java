package dev.omni.server.auth;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.store.AccessToken;
import dev.omni.server.store.AuthRepository;
import java.time.Clock;

/** Resolves {@code Authorization: Bearer <token>} to the token's record, or a 401. */
public final class Authenticator {
    private final AuthRepository auth;
    private final Clock clock;

    public Authenticator(AuthRepository auth, Clock clock) {
        this.auth = auth;
        this.clock = clock;
    }

    public AccessToken authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ServerException(ErrorCode.UNAUTHORIZED, "this call needs an Authorization: Bearer token; log in");
        }
        String token = authorization.substring(7).trim();
        AccessToken t = auth.tokenByHash(Secrets.hash(token))
                .orElseThrow(() -> new ServerException(ErrorCode.UNAUTHORIZED, "unknown access token; log in again"));
        if (t.revokedAt() != null) {
            throw new ServerException(ErrorCode.UNAUTHORIZED, "the access token was revoked; log in again");
        }
        if (!clock.instant().isBefore(t.expiresAt())) {
            throw new ServerException(ErrorCode.UNAUTHORIZED, "the access token expired; log in again");
        }
        return t;
    }

    /** Revokes the token in the header. A token revoked before still answers success (idempotent). */
    public void logout(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ServerException(ErrorCode.UNAUTHORIZED, "logout needs the Authorization: Bearer token to revoke");
        }
        String hash = Secrets.hash(authorization.substring(7).trim());
        if (!auth.revokeToken(hash, clock.instant())) {
            throw new ServerException(ErrorCode.UNAUTHORIZED, "unknown access token");
        }
    }
}
