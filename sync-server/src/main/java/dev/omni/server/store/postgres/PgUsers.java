package dev.omni.server.store.postgres;

import static dev.omni.server.store.postgres.PostgresDatabase.one;
import static dev.omni.server.store.postgres.PostgresDatabase.update;

import dev.omni.server.store.User;
import dev.omni.server.store.UserRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class PgUsers implements UserRepository {
    private static final String COLUMNS = "id, email, name, password_hash, created_at, disabled_at";
    private final PostgresDatabase db;

    PgUsers(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public boolean insert(User u) {
        return db.write(c -> update(c, "INSERT INTO users (" + COLUMNS + ") VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                u.id(), u.email(), u.name(), u.passwordHash(), Times.millis(u.createdAt()), Times.millis(u.disabledAt())) == 1);
    }

    @Override
    public Optional<User> byEmail(String email) {
        return db.read(c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE email = ?", PgUsers::map, email));
    }

    @Override
    public Optional<User> byId(String id) {
        return db.read(c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", PgUsers::map, id));
    }

    @Override
    public List<User> list() {
        return db.read(c -> PostgresDatabase.list(c, "SELECT " + COLUMNS + " FROM users ORDER BY email", PgUsers::map));
    }

    @Override
    public boolean disable(String email, Instant at) {
        long t = at.toEpochMilli();
        return db.write(c -> {
            Optional<String> id = one(c, "UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE email = ? RETURNING id",
                    rs -> rs.getString(1), t, email);
            if (id.isEmpty()) {
                return false;
            }
            update(c, "UPDATE access_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", t, id.get());
            update(c, "DELETE FROM web_sessions WHERE user_id = ?", id.get());
            return true;
        });
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("name"), rs.getString("password_hash"),
                Times.instant(rs, "created_at"), Times.instant(rs, "disabled_at"));
    }
}
