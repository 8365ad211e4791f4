package dev.omni.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.OmniException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void schemaVersionMatchesTheNewestMigration() throws Exception {
        int max = 0;
        Pattern p = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> s = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path f : s.toList()) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        assertThat(Database.SCHEMA_VERSION).isEqualTo(max);
    }

    @Test
    void aNewStoreIsMigratedAndRecordsItsVersionSoTheNextOpenSkipsFlyway() {
        Path db = dir.resolve("omni.db");
        try (Database d = Database.open(db, dir.resolve("locks"))) {
            assertThat((long) d.read(c -> Database.queryLong(c, "PRAGMA user_version", -1))).isEqualTo(Database.SCHEMA_VERSION);
            // every migration ran (numbers may have gaps while other features hold theirs)
            assertThat((long) d.read(c -> Database.queryLong(c, "SELECT count(*) FROM flyway_schema_history WHERE success = 1", -1)))
                    .isEqualTo(migrations());
            assertThat((long) d.read(c -> Database.queryLong(c, "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history", -1)))
                    .isEqualTo(Database.SCHEMA_VERSION);
            assertThat((String) d.read(c -> Database.queryString(c, "PRAGMA journal_mode"))).isEqualToIgnoringCase("wal");
            assertThat((long) d.read(c -> Database.queryLong(c, "PRAGMA foreign_keys", -1))).isEqualTo(1);
        }
        try (Database d = Database.open(db, dir.resolve("locks"))) {
            assertThat((long) d.read(c -> Database.queryLong(c, "SELECT count(*) FROM projects", -1))).isZero();
        }
    }

    private static long migrations() {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            return s.filter(p -> p.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aStoreFromANewerOmniIsRefusedWithAClearMessage() {
        Path db = dir.resolve("omni.db");
        try (Database d = Database.open(db, dir.resolve("locks"))) {
            d.read(c -> {
                c.createStatement().execute("PRAGMA user_version = 999");
                return null;
            });
        }
        assertThatThrownBy(() -> Database.open(db, dir.resolve("locks"))).isInstanceOf(OmniException.class)
                .hasMessageContaining("newer omni");
    }

    @Test
    void aWriteThatFailsLeavesNothingBehind() {
        try (Database d = Database.open(dir.resolve("omni.db"), dir.resolve("locks"))) {
            assertThatThrownBy(() -> d.write(c -> {
                Database.update(c, "INSERT INTO meta(key, value) VALUES ('a', 'b')");
                throw new java.sql.SQLException("boom");
            })).isInstanceOf(OmniException.class);
            assertThat((String) d.read(c -> Database.queryString(c, "SELECT value FROM meta WHERE key = 'a'"))).isNull();
        }
    }

    @Test
    void aWriteInsideAWriteJoinsItAndCommitsWithIt() {
        try (Database d = Database.open(dir.resolve("omni.db"), dir.resolve("locks"))) {
            d.write(c -> {
                Database.update(c, "INSERT INTO meta(key, value) VALUES ('outer', '1')");
                assertThat(d.inTransaction()).isTrue();
                d.write(c2 -> Database.update(c2, "INSERT INTO meta(key, value) VALUES ('inner', '2')"));
                return null;
            });
            assertThat(d.inTransaction()).isFalse();
            assertThat((String) d.read(c -> Database.queryString(c, "SELECT value FROM meta WHERE key = 'inner'"))).isEqualTo("2");
        }
    }

    @Test
    void aFailureAfterAJoinedWriteRollsBackTheJoinedWriteToo() {
        try (Database d = Database.open(dir.resolve("omni.db"), dir.resolve("locks"))) {
            assertThatThrownBy(() -> d.transaction(() -> {
                d.write(c -> Database.update(c, "INSERT INTO meta(key, value) VALUES ('inner', '2')"));
                throw OmniException.conflict("the use case failed after its first write");
            })).isInstanceOf(OmniException.class).hasMessageContaining("first write");
            assertThat((String) d.read(c -> Database.queryString(c, "SELECT value FROM meta WHERE key = 'inner'"))).isNull();
            // The connection is usable again: a new transaction starts and commits.
            d.transaction(() -> d.write(c -> Database.update(c, "INSERT INTO meta(key, value) VALUES ('after', '3')")));
            assertThat((String) d.read(c -> Database.queryString(c, "SELECT value FROM meta WHERE key = 'after'"))).isEqualTo("3");
        }
    }
}
