package dev.omni.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FtsQueryTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "websocket reconnect      | \"websocket\" \"reconnect\"",
        "\"heartbeat race\"       | \"heartbeat race\"",
        "recon*                   | \"recon\"*",
        "c++ OR rust              | \"c++\" OR \"rust\"",
        "foo-bar                  | \"foo-bar\"",
        "tags:db                  | \"tags:db\"",
        "say \"hi                 | \"say\" \"hi\"",
        "OR alone OR              | \"alone\"",
        "retry -flaky             | (\"retry\") NOT \"flaky\"",
        "a \"\"\"quoted\"\"\" b   | \"a\" \"quoted\" \"b\"",
        "(grouped) words          | \"grouped\" \"words\"",
        "café                     | \"café\"",
    })
    void turnsWhatPeopleTypeIntoSafeFts5(String input, String expected) {
        assertThat(FtsQuery.parse(input.strip())).isEqualTo(expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "***", "\"\"", "-- ++", "OR AND NOT", "-only"})
    void nothingSearchableGivesNull(String input) {
        assertThat(FtsQuery.parse(input)).isNull();
    }
}
