package dev.omni.server.store.sqlite;

import static dev.omni.core.store.sqlite.Sql.one;
import static dev.omni.core.store.sqlite.Sql.update;

import dev.omni.core.store.sqlite.Sql;
import dev.omni.server.store.User;
import dev.omni.server.store.UserRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqliteUsers implements UserRepository {
    private static final String COLUMNS = "id, email, name, password_hash, created_at, disabled_at";
    private final SqliteDatabase db;

    SqliteUsers(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public boolean insert(User u) {
        return db.write(c -> update(c, "INSERT INTO users (" + COLUMNS + ") VALUES (?,?,?,?,?,?) ON CONFLICT (email) DO NOTHING",
                u.id(), u.email(), u.name(), u.passwordHash(), Times.millis(u.createdAt()), Times.millis(u.disabledAt())) == 1);
    }

    @Override
    public Optional<User> byEmail(String email) {
        return db.read(c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE email = ?", SqliteUsers::map, email));
    }

    @Override
    public Optional<User> byId(String id) {
        return db.read(c -> one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", SqliteUsers::map, id));
    }

    @Override
    public List<User> list() {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM users ORDER BY email", SqliteUsers::map));
    }

    @Override
    public boolean disable(String email, Instant at) {
        long t = at.toEpochMilli();
        return db.write(c -> {
            Optional<User> u = one(c, "SELECT " + COLUMNS + " FROM users WHERE email = ?", SqliteUsers::map, email);
            if (u.isEmpty()) {
                return false;
            }
            String id = u.get().id();
            update(c, "UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?", t, id);
            update(c, "UPDATE access_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", t, id);
            update(c, "DELETE FROM web_sessions WHERE user_id = ?", id);
            return true;
        });
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("name"), rs.getString("password_hash"),
                Times.instant(rs, "created_at"), Times.instant(rs, "disabled_at"));
    }
}
