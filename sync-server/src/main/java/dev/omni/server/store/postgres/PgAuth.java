package dev.omni.server.store.postgres;

import static dev.omni.server.store.postgres.PostgresDatabase.one;
import static dev.omni.server.store.postgres.PostgresDatabase.update;

import dev.omni.server.store.AccessToken;
import dev.omni.server.store.AuthRepository;
import dev.omni.server.store.DeviceCode;
import dev.omni.server.store.WebSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

final class PgAuth implements AuthRepository {
    private static final String CODE_COLUMNS = "device_code_hash, user_code, client_id, device_name, scope, requester_addr,"
            + " requester_agent, status, user_id, created_at, expires_at, interval_ms, last_poll_at";
    private static final String TOKEN_COLUMNS = "token_hash, user_id, client_id, device_name, created_at, expires_at, revoked_at";
    private final PostgresDatabase db;

    PgAuth(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public boolean insertDeviceCode(DeviceCode d) {
        return db.write(c -> {
            // A user code must name one live request. No constraint can say "live", so requests for
            // the same code are serialised, across instances, by a lock on the code itself.
            PostgresDatabase.lockKey(c, "omni-user-code:" + d.userCode());
            if (one(c, "SELECT 1 FROM device_codes WHERE user_code = ? AND expires_at > ?", rs -> 1,
                    d.userCode(), d.createdAt().toEpochMilli()).isPresent()) {
                return false;
            }
            update(c, "INSERT INTO device_codes (" + CODE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    d.deviceCodeHash(), d.userCode(), d.clientId(), d.deviceName(), d.scope(), d.requesterAddress(),
                    d.requesterAgent(), d.status().name(), d.userId(), Times.millis(d.createdAt()),
                    Times.millis(d.expiresAt()), d.intervalMillis(), Times.millis(d.lastPollAt()));
            return true;
        });
    }

    @Override
    public Optional<DeviceCode> deviceCodeByHash(String hash) {
        return db.read(c -> one(c, "SELECT " + CODE_COLUMNS + " FROM device_codes WHERE device_code_hash = ?",
                PgAuth::mapCode, hash));
    }

    @Override
    public Optional<DeviceCode> deviceCodeByUserCode(String userCode) {
        return db.read(c -> one(c, "SELECT " + CODE_COLUMNS + " FROM device_codes WHERE user_code = ?"
                + " ORDER BY created_at DESC LIMIT 1", PgAuth::mapCode, userCode));
    }

    @Override
    public void recordPoll(String hash, Instant at, long intervalMillis) {
        db.write(c -> update(c, "UPDATE device_codes SET last_poll_at = ?, interval_ms = ? WHERE device_code_hash = ?",
                at.toEpochMilli(), intervalMillis, hash));
    }

    @Override
    public boolean decide(String userCode, String userId, DeviceCode.Status decision, Instant now) {
        long t = now.toEpochMilli();
        // The condition on status makes the decision once, whichever instance gets there first.
        return db.write(c -> update(c, "UPDATE device_codes SET status = ?, user_id = ?, decided_at = ?"
                        + " WHERE user_code = ? AND status = 'PENDING' AND expires_at > ?",
                decision.name(), userId, t, userCode, t) == 1);
    }

    @Override
    public boolean consumeAndIssue(String hash, AccessToken token) {
        return db.write(c -> {
            // Two polls on two instances: the row lock of this update lets one through; the other
            // finds the status CONSUMED once the first commits, and issues nothing.
            if (update(c, "UPDATE device_codes SET status = 'CONSUMED' WHERE device_code_hash = ? AND status = 'APPROVED'",
                    hash) != 1) {
                return false;
            }
            update(c, "INSERT INTO access_tokens (" + TOKEN_COLUMNS + ") VALUES (?,?,?,?,?,?,?)", token.tokenHash(),
                    token.userId(), token.clientId(), token.deviceName(), Times.millis(token.createdAt()),
                    Times.millis(token.expiresAt()), Times.millis(token.revokedAt()));
            return true;
        });
    }

    @Override
    public Optional<AccessToken> tokenByHash(String hash) {
        return db.read(c -> one(c, "SELECT " + TOKEN_COLUMNS + " FROM access_tokens WHERE token_hash = ?",
                PgAuth::mapToken, hash));
    }

    @Override
    public boolean revokeToken(String hash, Instant at) {
        return db.write(c -> update(c, "UPDATE access_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE token_hash = ?",
                at.toEpochMilli(), hash) == 1);
    }

    @Override
    public void insertSession(WebSession s) {
        db.write(c -> update(c, "INSERT INTO web_sessions (session_hash, user_id, csrf_token, created_at, expires_at)"
                        + " VALUES (?,?,?,?,?)", s.sessionHash(), s.userId(), s.csrfToken(),
                Times.millis(s.createdAt()), Times.millis(s.expiresAt())));
    }

    @Override
    public Optional<WebSession> sessionByHash(String hash) {
        return db.read(c -> one(c, "SELECT session_hash, user_id, csrf_token, created_at, expires_at FROM web_sessions"
                + " WHERE session_hash = ?", rs -> new WebSession(rs.getString(1), rs.getString(2), rs.getString(3),
                Times.instant(rs, "created_at"), Times.instant(rs, "expires_at")), hash));
    }

    @Override
    public void deleteSession(String hash) {
        db.write(c -> update(c, "DELETE FROM web_sessions WHERE session_hash = ?", hash));
    }

    @Override
    public void purgeExpired(Instant now) {
        long t = now.toEpochMilli();
        db.write(c -> {
            // Keep expired device codes a day, so that a late poll still hears expired_token.
            update(c, "DELETE FROM device_codes WHERE expires_at < ?", t - 86_400_000L);
            return update(c, "DELETE FROM web_sessions WHERE expires_at < ?", t);
        });
    }

    private static DeviceCode mapCode(ResultSet rs) throws SQLException {
        return new DeviceCode(rs.getString("device_code_hash"), rs.getString("user_code"), rs.getString("client_id"),
                rs.getString("device_name"), rs.getString("scope"), rs.getString("requester_addr"),
                rs.getString("requester_agent"), DeviceCode.Status.valueOf(rs.getString("status")),
                rs.getString("user_id"), Times.instant(rs, "created_at"), Times.instant(rs, "expires_at"),
                rs.getLong("interval_ms"), Times.instant(rs, "last_poll_at"));
    }

    private static AccessToken mapToken(ResultSet rs) throws SQLException {
        return new AccessToken(rs.getString("token_hash"), rs.getString("user_id"), rs.getString("client_id"),
                rs.getString("device_name"), Times.instant(rs, "created_at"), Times.instant(rs, "expires_at"),
                Times.instant(rs, "revoked_at"));
    }
}
