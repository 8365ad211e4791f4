package dev.omni.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TreeCodecTest {
    private static final ObjectId A = Hashing.sha256("a".getBytes(StandardCharsets.UTF_8));
    private static final ObjectId B = Hashing.sha256("b".getBytes(StandardCharsets.UTF_8));

    @Test
    void encodesEntriesSortedWithKeysInOrderAndNoWhitespace() {
        Tree t = Tree.of(List.of(TreeEntry.symlink("l", "a.txt"), TreeEntry.dir("src", B), TreeEntry.file("a.txt", true, 1, A)));
        String json = new String(TreeCodec.encode(t), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("[{\"hash\":\"" + A.hex() + "\",\"mode\":\"755\",\"name\":\"a.txt\",\"size\":1,\"type\":\"file\"},"
                + "{\"name\":\"l\",\"target\":\"a.txt\",\"type\":\"symlink\"},"
                + "{\"hash\":\"" + B.hex() + "\",\"name\":\"src\",\"type\":\"dir\"}]");
    }

    @Test
    void theIdIsTheSha256OfTheCanonicalBytes() {
        Tree t = Tree.of(List.of(TreeEntry.file("x", false, 0, A)));
        assertThat(TreeCodec.id(t)).isEqualTo(Hashing.sha256(TreeCodec.encode(t)));
        assertThat(TreeCodec.id(Tree.EMPTY).hex()).isEqualTo(Hashing.sha256("[]".getBytes(StandardCharsets.UTF_8)).hex());
    }

    @Test
    void escapesOnlyQuotesBackslashesAndControlCharacters() {
        Tree t = Tree.of(List.of(TreeEntry.file("a\"b\\c\nd\u0001é😀", false, 0, A)));
        String json = new String(TreeCodec.encode(t), StandardCharsets.UTF_8);
        assertThat(json).contains("\"name\":\"a\\\"b\\\\c\\nd\\u0001é😀\"");
    }

    @Test
    void sortsNamesByUtf8BytesNotByUtf16Units() {
        // U+FF5E is one UTF-16 unit above the surrogates, but its UTF-8 bytes sort before those of 😀.
        Tree t = Tree.of(List.of(TreeEntry.file("😀", false, 0, A), TreeEntry.file("～", false, 0, A)));
        assertThat(t.entries()).extracting(TreeEntry::name).containsExactly("～", "😀");
    }

    @Test
    void decodesWhatItEncodes() throws Exception {
        Tree t = Tree.of(List.of(TreeEntry.file("a b", true, 7, A), TreeEntry.dir("d", B), TreeEntry.symlink("s", "../x"),
                TreeEntry.file("new\nline", false, 0, B)));
        assertThat(TreeCodec.decode(TreeCodec.encode(t))).isEqualTo(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{}",
        "[{\"name\":\"a\",\"type\":\"file\"}]",
        "[{\"hash\":\"%A\",\"mode\":\"644\",\"name\":\"b\",\"size\":1,\"type\":\"file\"},{\"hash\":\"%A\",\"mode\":\"644\",\"name\":\"a\",\"size\":1,\"type\":\"file\"}]",
        "[{\"hash\":\"%A\",\"mode\":\"644\",\"name\":\"a\",\"size\":1,\"type\":\"file\"},{\"hash\":\"%A\",\"mode\":\"644\",\"name\":\"a\",\"size\":1,\"type\":\"file\"}]",
        "[{\"hash\":\"%A\",\"mode\":\"777\",\"name\":\"a\",\"size\":1,\"type\":\"file\"}]",
        "[{\"hash\":\"%A\",\"mode\":\"644\",\"name\":\"..\",\"size\":1,\"type\":\"file\"}]",
        "[{\"hash\":\"%A\",\"mode\":\"644\",\"name\":\"a/b\",\"size\":1,\"type\":\"file\"}]",
        "[{\"hash\":\"%A\",\"mode\":\"644\",\"name\":\"a\\u0000\",\"size\":1,\"type\":\"file\"}]",
        "[{\"hash\":\"XYZ\",\"mode\":\"644\",\"name\":\"a\",\"size\":1,\"type\":\"file\"}]",
        "[{\"hash\":\"%A\",\"mode\":\"644\",\"name\":\"a\",\"size\":1,\"type\":\"file\",\"extra\":1}]",
        "[{\"name\":\"a\",\"size\":1,\"hash\":\"%A\",\"mode\":\"644\",\"type\":\"file\"}]",
        "[ {\"hash\":\"%A\",\"mode\":\"644\",\"name\":\"a\",\"size\":1,\"type\":\"file\"}]",
        "[{\"hash\":\"%A\",\"name\":\"d\",\"type\":\"directory\"}]",
        "[{\"name\":\"s\",\"target\":\"\",\"type\":\"symlink\"}]",
        "[]x",
    })
    void refusesAnythingButACanonicalTree(String text) {
        byte[] bytes = text.replace("%A", A.hex()).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TreeCodec.decode(bytes)).isInstanceOf(MalformedTreeException.class);
    }
}
