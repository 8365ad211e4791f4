package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.server.objects.S3Location;
import dev.omni.server.store.DatabaseUrl;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --db} and {@code --objects}: what they accept, and that a password never shows. */
class BackendUrlsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "postgresql://omni:s3cret@db.internal:5432/omni | null | jdbc:postgresql://db.internal:5432/omni | omni | s3cret",
        "postgres://omni@db/omni?sslmode=require | null | jdbc:postgresql://db/omni?sslmode=require | omni | null",
        "postgresql://omni:old@db/omni | fromfile | jdbc:postgresql://db/omni | omni | fromfile",
        "postgresql://o%40x:p%2Fw%3Ad@db:6432/omni | null | jdbc:postgresql://db:6432/omni | o@x | p/w:d",
        "jdbc:postgresql://db:5432/omni?user=omni&password=s3cret&ssl=true | null | jdbc:postgresql://db:5432/omni?ssl=true | omni | s3cret",
        "jdbc:postgresql://db/omni | pw | jdbc:postgresql://db/omni | null | pw",
    })
    void databaseUrlsSplitIntoAJdbcUrlAUserAndAPassword(String url, String passwordOverride, String jdbc, String user,
                                                        String password) {
        DatabaseUrl d = DatabaseUrl.parse(url, passwordOverride);
        assertThat(d.jdbcUrl()).isEqualTo(jdbc);
        assertThat(d.user()).isEqualTo(user);
        assertThat(d.password()).isEqualTo(password);
        if (password != null) {
            assertThat(d.toString()).doesNotContain(password).startsWith("postgresql://");
            assertThat(d.jdbcUrl()).doesNotContain(password);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mysql://omni:hunter2@db/omni | --db takes postgresql://",
        "postgresql://omni:hunter2@/omni | names no host",
        "postgresql://omni:hunter2@db | names no database",
        "postgresql://omni:hunter2@db/ | names no database",
    })
    void aBadDatabaseUrlIsRefusedWithoutItsPassword(String url, String message) {
        assertThatThrownBy(() -> DatabaseUrl.parse(url, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).message().doesNotContain("hunter2");
    }

    @Test
    void objectUrlsNameABucketAPrefixAndWhereTheServiceIs() {
        S3Location aws = S3Location.parse("s3://omni-objects");
        assertThat(aws).isEqualTo(new S3Location("omni-objects", "", null, null, false));
        S3Location minio = S3Location.parse("s3://omni/team/a/?endpoint=http://127.0.0.1:9000&region=eu-west-1&path_style=true");
        assertThat(minio).isEqualTo(new S3Location("omni", "team/a", URI.create("http://127.0.0.1:9000"), "eu-west-1", true));
        assertThat(S3Location.parse("s3://b?path_style").pathStyle()).isTrue();
        assertThat(S3Location.parse("S3://b/p").prefix()).isEqualTo("p");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://bucket | --objects takes s3://BUCKET",
        "s3:///prefix | names no bucket",
        "s3://b?endpoint=localhost | must be like http://HOST:PORT",
        "s3://b?colour=blue | unknown parameter colour",
    })
    void aBadObjectUrlIsRefusedWithAClearMessage(String url, String message) {
        assertThatThrownBy(() -> S3Location.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
