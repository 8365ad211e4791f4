package dev.omni.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.InputProblem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTransferTest {
    @TempDir
    Path tmp;

    private static List<MemoryItem> everything(Omni omni) {
        MemoryService s = new MemoryService(omni);
        List<MemoryItem> l = new ArrayList<>(s.list(MemoryFilter.all()));
        l.addAll(s.list(MemoryFilter.all().withDeleted(true)));
        l.sort(Comparator.comparing(MemoryItem::id));
        return l;
    }

    private static String exportJsonl(Omni omni) {
        StringWriter w = new StringWriter();
        new MemoryTransfer(omni).exportJsonl(MemoryFilter.all(), new PrintWriter(w));
        return w.toString();
    }

    @Test
    void jsonlRoundTripsWithoutLossOrDuplicates() throws Exception {
        TestHome a = new TestHome(tmp.resolve("a"));
        Path file = tmp.resolve("memory.jsonl");
        List<MemoryItem> original;
        try (Omni omni = a.open()) {
            MemoryService s = new MemoryService(omni);
            s.add(new MemoryService.NewItem(null, MemoryType.PREFERENCE, "Answer in English,\nbriefly — bitte kurz 🙂", null, null,
                    null, null, List.of("style"), 0.9, null, null));
            s.decide("P1", "Ship the CLI first", "the GUI needs the same use cases", DecisionCategory.SCOPE, List.of("plan"), 0.7);
            MemoryItem next = s.add(new MemoryService.NewItem("P1", MemoryType.NEXT_STEP, "Benchmark search", null, null, 1,
                    Effort.MEDIUM, List.of(), null, "conversation", "01CONV"));
            s.setStatus(next.id(), NextStatus.STARTED);
            MemoryItem gone = s.add(MemoryService.NewItem.of("P1", MemoryType.NOTE, "obsolete"));
            s.remove(gone.id());
            s.read(next.id());
            original = everything(omni);
            Files.writeString(file, exportJsonl(omni), StandardCharsets.UTF_8);
        }

        TestHome b = new TestHome(tmp.resolve("b"));
        try (Omni omni = b.open()) {
            MemoryTransfer.ImportReport first = new MemoryTransfer(omni).importJsonl(file, null, (p, m) -> { });
            MemoryTransfer.ImportReport again = new MemoryTransfer(omni).importJsonl(file, null, (p, m) -> { });

            assertThat(first.added()).isEqualTo(4);
            assertThat(again.added()).isZero();
            assertThat(again.unchanged()).isEqualTo(4);
            assertThat(everything(omni)).isEqualTo(original);
            assertThat(exportJsonl(omni)).isEqualTo(Files.readString(file));
            List<dev.omni.core.outbox.OutboxEntry> out = new Outbox(omni).since(0, 100);
            assertThat(out).hasSize(4);
        }
    }

    @Test
    void importKeepsTheNewerOfTwoVersionsByLastWriterWins() throws Exception {
        TestHome a = new TestHome(tmp.resolve("a"));
        Path older = tmp.resolve("older.jsonl");
        Path newer = tmp.resolve("newer.jsonl");
        String id;
        try (Omni omni = a.open()) {
            MemoryService s = new MemoryService(omni);
            id = s.add(MemoryService.NewItem.of("P1", MemoryType.FACT, "v1")).id();
            Files.writeString(older, exportJsonl(omni));
            a.clock.advance(Duration.ofMinutes(5));
            s.edit(id, MemoryService.Edit.content("v2"));
            Files.writeString(newer, exportJsonl(omni));
        }
        TestHome b = new TestHome(tmp.resolve("b"));
        try (Omni omni = b.open()) {
            MemoryTransfer t = new MemoryTransfer(omni);
            t.importJsonl(newer, null, (p, m) -> { });
            MemoryTransfer.ImportReport r = t.importJsonl(older, null, (p, m) -> { });

            assertThat(r.older()).isEqualTo(1);
            assertThat(new MemoryService(omni).get(id).content()).isEqualTo("v2");
        }
        try (Omni omni = new TestHome(tmp.resolve("c")).open()) {
            MemoryTransfer t = new MemoryTransfer(omni);
            t.importJsonl(older, null, (p, m) -> { });
            MemoryTransfer.ImportReport r = t.importJsonl(newer, null, (p, m) -> { });

            assertThat(r.updated()).isEqualTo(1);
            assertThat(new MemoryService(omni).get(id).content()).isEqualTo("v2");
            assertThat(new MemoryService(omni).history(id)).extracting(HistoryEntry::op).containsExactly("create", "update");
        }
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndTheRestIsImported() throws Exception {
        TestHome a = new TestHome(tmp.resolve("a"));
        Path file = tmp.resolve("mixed.jsonl");
        try (Omni omni = a.open()) {
            new MemoryService(omni).add(MemoryService.NewItem.of("P1", MemoryType.FACT, "good"));
            String good = exportJsonl(omni).strip();
            Files.writeString(file, "{broken\n" + good + "\n\n" + good.replace("\"fact\"", "\"opinion\"") + "\n[1,2]\n");
        }
        try (Omni omni = new TestHome(tmp.resolve("b")).open()) {
            List<String> warned = new ArrayList<>();
            MemoryTransfer.ImportReport r = new MemoryTransfer(omni).importJsonl(file, null, (p, m) -> warned.add(m));

            assertThat(r.added()).isEqualTo(1);
            assertThat(r.problems()).extracting(InputProblem::line).containsExactly(1L, 4L, 5L);
            assertThat(r.problems().get(1).message()).contains("unknown memory type 'opinion'");
            assertThat(warned).hasSize(3).allMatch(w -> w.startsWith(file + ":"));
        }
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWhole() throws Exception {
        Path file = tmp.resolve("latin1.jsonl");
        Files.write(file, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xe9, '"', '}', '\n'});
        try (Omni omni = new TestHome(tmp.resolve("b")).open()) {
            assertThatThrownBy(() -> new MemoryTransfer(omni).importJsonl(file, null, (p, m) -> { }))
                    .hasMessageContaining("not UTF-8");
            assertThat(everything(omni)).isEmpty();
        }
    }

    @Test
    void itemsOfUnknownProjectsGoToTheTargetProject() throws Exception {
        Path file = tmp.resolve("m.jsonl");
        try (Omni omni = new TestHome(tmp.resolve("a")).open()) {
            new MemoryService(omni).add(MemoryService.NewItem.of("FOREIGNPROJECT", MemoryType.FACT, "x"));
            new MemoryService(omni).add(MemoryService.NewItem.of(null, MemoryType.FACT, "global"));
            Files.writeString(file, exportJsonl(omni));
        }
        try (Omni omni = new TestHome(tmp.resolve("b")).open()) {
            new MemoryTransfer(omni).importJsonl(file, "LOCALPROJECT", (p, m) -> { });

            assertThat(everything(omni)).extracting(MemoryItem::projectId).containsExactlyInAnyOrder("LOCALPROJECT", null);
        }
    }

    @Test
    void markdownExportGroupsLiveItemsByType() {
        try (Omni omni = new TestHome(tmp).open()) {
            MemoryService s = new MemoryService(omni);
            s.decide("P1", "Use ULIDs", "they sort by time", DecisionCategory.ARCHITECTURE, List.of(), null);
            s.add(MemoryService.NewItem.of("P1", MemoryType.FACT, "Two lines\nof fact"));
            s.remove(s.add(MemoryService.NewItem.of("P1", MemoryType.FACT, "removed")).id());
            StringWriter w = new StringWriter();
            int n = new MemoryTransfer(omni).exportMarkdown(MemoryFilter.applyingTo("P1"), "Memory of app", new PrintWriter(w));

            assertThat(n).isEqualTo(2);
            assertThat(w.toString()).startsWith("# Memory of app\n\n## Facts\n\n- Two lines\n  of fact\n")
                    .contains("## Decisions\n\n- Use ULIDs\n  - why: they sort by time\n")
                    .contains("architecture")
                    .doesNotContain("removed");
        }
    }
}
