package dev.omni.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "./a", "a/", "C:x", "a\u0000b", ".."})
    void refusesPathsThatAreEmptyAbsoluteEscapingOrMalformed(String path) {
        assertThat(PathRules.whyBadPath(path)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c", "with space/x.txt", "ünï/日本", "new\nline", "..a", "a..", ".hidden/x"})
    void acceptsOrdinaryRelativePaths(String path) {
        assertThat(PathRules.whyBadPath(path)).isNull();
    }

    @Test
    void printableKeepsAnErrorOnOneLine() {
        assertThat(PathRules.printable("a\nb\u0000c")).isEqualTo("'a\\nb\\0c'");
    }
}
