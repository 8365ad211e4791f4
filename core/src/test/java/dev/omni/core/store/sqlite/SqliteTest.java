package dev.omni.core.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite plumbing the local store and the server's metadata store share, on real files. */
class SqliteTest {
    private static final String MIGRATIONS = "classpath:dev/omni/core/store/sqlite/testmigration";

    @TempDir
    Path dir;

    private Connection open(boolean readOnly) throws SQLException {
        return Sqlite.connect(dir.resolve("t.db"), Sqlite.settings("FULL"), readOnly);
    }

    @Test
    void aConnectionHasWalForeignKeysTheBusyTimeoutAndTheAskedSynchronousLevel() throws Exception {
        Sqlite.migrate(dir.resolve("t.db"), getClass().getClassLoader(), MIGRATIONS);
        try (Connection c = open(false)) {
            assertThat(Sql.queryString(c, "PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(Sql.queryLong(c, "PRAGMA foreign_keys", -1)).isEqualTo(1);
            assertThat(Sql.queryLong(c, "PRAGMA busy_timeout", -1)).isEqualTo(Sqlite.BUSY_TIMEOUT_MS);
            assertThat(Sql.queryLong(c, "PRAGMA synchronous", -1)).isEqualTo(2); // FULL
            assertThatThrownBy(() -> Sql.update(c, "INSERT INTO tags(item_id, tag) VALUES (42, 'orphan')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("FOREIGN KEY");
        }
        try (Connection c = Sqlite.connect(dir.resolve("t.db"), Sqlite.settings("NORMAL"), false)) {
            assertThat(Sql.queryLong(c, "PRAGMA synchronous", -1)).isEqualTo(1);
        }
    }

    @Test
    void migrationBringsAFileToTheNewestVersionOnceAndAgainDoesNothing() throws Exception {
        Sqlite.migrate(dir.resolve("t.db"), getClass().getClassLoader(), MIGRATIONS);
        Sqlite.migrate(dir.resolve("t.db"), getClass().getClassLoader(), MIGRATIONS);
        try (Connection c = open(false)) {
            assertThat(Sql.queryLong(c, "SELECT count(*) FROM flyway_schema_history WHERE success = 1", -1)).isEqualTo(2);
            assertThat(Sql.queryLong(c, "SELECT count(*) FROM tags", -1)).isZero();
        }
    }

    @Test
    void aReadOnlyConnectionCannotWrite() throws Exception {
        Sqlite.migrate(dir.resolve("t.db"), getClass().getClassLoader(), MIGRATIONS);
        // As in the stores: the writer's connection (which turns WAL on) is opened before the readers'.
        try (Connection writer = open(false); Connection c = open(true)) {
            assertThat(Sql.queryLong(c, "SELECT count(*) FROM items", -1)).isZero();
            assertThatThrownBy(() -> Sql.update(c, "INSERT INTO items(name) VALUES ('x')")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("READONLY");
        }
    }

    @Test
    void aTransactionCommitsAllOfItOrNothingAndReportsTheFirstFailure() throws Exception {
        Sqlite.migrate(dir.resolve("t.db"), getClass().getClassLoader(), MIGRATIONS);
        try (Connection c = open(false)) {
            int inserted = Sqlite.transaction(c, t -> Sql.update(t, "INSERT INTO items(name) VALUES ('kept')"));
            assertThat(inserted).isEqualTo(1);
            assertThatThrownBy(() -> Sqlite.transaction(c, t -> {
                Sql.update(t, "INSERT INTO items(name) VALUES ('lost')");
                return Sql.update(t, "INSERT INTO items(name) VALUES ('kept')"); // UNIQUE
            })).isInstanceOf(SQLException.class).hasMessageContaining("UNIQUE");
            assertThat(Sql.list(c, "SELECT name FROM items ORDER BY id", rs -> rs.getString(1))).containsExactly("kept");
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void aWriterThatFindsTheLockTakenPastTheTimeoutIsBusy() throws Exception {
        Sqlite.migrate(dir.resolve("t.db"), getClass().getClassLoader(), MIGRATIONS);
        Properties impatient = Sqlite.settings("NORMAL");
        impatient.setProperty("busy_timeout", "50");
        try (Connection holder = open(false); Connection other = Sqlite.connect(dir.resolve("t.db"), impatient, false)) {
            Sqlite.exec(holder, "BEGIN IMMEDIATE");
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> Sqlite.transaction(other, t -> Sql.update(t, "INSERT INTO items(name) VALUES ('x')")));
            assertThat(Sqlite.busy(e)).isTrue();
            assertThat(Sqlite.busy(new SQLException("no such table: x"))).isFalse();
            Sqlite.exec(holder, "ROLLBACK");
        }
    }

    @Test
    void longInListsRunInChunksThatTogetherCoverEveryValueOnce() throws Exception {
        Sqlite.migrate(dir.resolve("t.db"), getClass().getClassLoader(), MIGRATIONS);
        List<String> names = IntStream.range(0, 2 * Sql.IN_CHUNK + 7).mapToObj(i -> "n" + i).toList();
        try (Connection c = open(false)) {
            Sqlite.transaction(c, t -> {
                for (String n : names) {
                    Sql.update(t, "INSERT INTO items(name) VALUES (?)", n);
                }
                return null;
            });
            List<Integer> sizes = new ArrayList<>();
            List<String> found = new ArrayList<>();
            Sql.forEachChunk(names, part -> {
                sizes.add(part.size());
                found.addAll(Sql.list(c, "SELECT name FROM items WHERE name IN (" + Sql.placeholders(part.size()) + ")",
                        rs -> rs.getString(1), part.toArray()));
            });
            assertThat(sizes).containsExactly(Sql.IN_CHUNK, Sql.IN_CHUNK, 7);
            assertThat(found).containsExactlyInAnyOrderElementsOf(names);
            List<String> viaQuery = Sql.inChunks(names, part -> List.of(part.get(0)));
            assertThat(viaQuery).containsExactly("n0", "n" + Sql.IN_CHUNK, "n" + 2 * Sql.IN_CHUNK);
        }
        assertThat(Sql.placeholders(3)).isEqualTo("?,?,?");
        assertThat(Sql.placeholders(0)).isEmpty();
        assertThat(Sql.prepend("u", List.of("a", "b"))).containsExactly("u", "a", "b");
    }
}
