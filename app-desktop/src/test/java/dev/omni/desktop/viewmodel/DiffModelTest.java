package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffModelTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aChangedLineMarksOnlyTheWordsThatDiffer() {
        DiffModel d = DiffModel.of("a.txt", b("one\nthe quick brown fox\nthree\n"), b("one\nthe quick red fox\nthree\n"), 3);

        DiffModel.SplitRow changed = d.split().stream().filter(r -> r.left().kind() == DiffModel.Kind.REMOVED).findFirst().orElseThrow();
        assertThat(changed.left().segments()).containsExactly(new DiffModel.Segment("the quick ", false),
                new DiffModel.Segment("brown", true), new DiffModel.Segment(" fox", false));
        assertThat(changed.right().segments()).containsExactly(new DiffModel.Segment("the quick ", false),
                new DiffModel.Segment("red", true), new DiffModel.Segment(" fox", false));
        assertThat(changed.left().line()).isEqualTo(2);
        assertThat(changed.right().line()).isEqualTo(2);
        assertThat(d.added()).isEqualTo(1);
        assertThat(d.removed()).isEqualTo(1);
    }

    @Test
    void distantChangesGetHunksOfTheirOwnWithContext() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            a.append("line ").append(i).append('\n');
        }
        String x = a.toString();
        String y = x.replace("line 3\n", "line three\n").replace("line 27\n", "");
        DiffModel d = DiffModel.of("f", b(x), b(y), 3);

        List<DiffModel.UnifiedRow> hunks = d.unified().stream().filter(r -> r.kind() == DiffModel.Kind.HUNK).toList();
        assertThat(hunks).extracting(DiffModel.UnifiedRow::text).containsExactly("@@ -1,6 +1,6 @@", "@@ -24,7 +24,6 @@");
        DiffModel.UnifiedRow gone = d.unified().stream().filter(r -> r.kind() == DiffModel.Kind.REMOVED && r.oldLine() == 27)
                .findFirst().orElseThrow();
        assertThat(gone.text()).isEqualTo("line 27");
        assertThat(DiffModel.of("f", b(x), b(y), Integer.MAX_VALUE).unified().stream()
                .filter(r -> r.kind() == DiffModel.Kind.HUNK)).hasSize(1);
    }

    @Test
    void aNewFileIsAllAddedAndOneSidedInTheSplitView() {
        DiffModel d = DiffModel.of("n", null, b("a\nb\n"), 3);
        assertThat(d.split()).filteredOn(r -> r.right().kind() == DiffModel.Kind.ADDED)
                .allSatisfy(r -> assertThat(r.left().kind()).isEqualTo(DiffModel.Kind.EMPTY)).hasSize(2);
    }

    @Test
    void binaryContentIsDescribedNotShown() {
        DiffModel d = DiffModel.of("x.bin", new byte[] {0, 1, 2, 0}, new byte[] {0, 1, 3, 0}, 3);
        assertThat(d.hasRows()).isFalse();
        assertThat(d.message()).startsWith("Binary file");
    }

    @Test
    void crlfLineEndsDoNotShowAsContent() {
        DiffModel d = DiffModel.whole("w", b("a\r\nb\r\n"));
        assertThat(d.unified()).extracting(DiffModel.UnifiedRow::text).containsExactly("a", "b");
    }
}
