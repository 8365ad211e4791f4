package dev.omni.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluralTest {
    @ParameterizedTest
    @CsvSource({"0, 0 files", "1, 1 file", "2, 2 files", "-1, -1 files"})
    void oneIsSingularEverythingElsePlural(long n, String expected) {
        assertThat(Plural.of(n, "file")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1, 1 match", "3, 3 matches"})
    void irregularNounsTakeTheirOwnPlural(long n, String expected) {
        assertThat(Plural.of(n, "match", "matches")).isEqualTo(expected);
    }
}
