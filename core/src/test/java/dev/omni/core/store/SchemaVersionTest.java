package dev.omni.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The store migrates only when {@code PRAGMA user_version} is below {@link Database#SCHEMA_VERSION},
 * so a new migration whose version the constant does not follow would never run on existing stores.
 */
class SchemaVersionTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern NAME = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void schemaVersionIsTheNewestMigration() throws IOException {
        List<Integer> versions;
        try (Stream<Path> s = Files.list(MIGRATIONS)) {
            versions = s.map(p -> NAME.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        }
        assertThat(versions).isNotEmpty().doesNotHaveDuplicates();
        assertThat(Database.SCHEMA_VERSION).isEqualTo(versions.get(versions.size() - 1));
    }
}
