package dev.omni.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextTest {
    @TempDir
    Path tmp;
    TestHome t;
    Omni omni;
    MemoryService memory;

    @BeforeEach
    void open() {
        t = new TestHome(tmp);
        omni = t.open();
        memory = new MemoryService(omni);
    }

    @AfterEach
    void close() {
        omni.close();
    }

    private void item(MemoryType type, String text, double importance) {
        memory.add(new MemoryService.NewItem("P1", type, text, null, null, null, null, List.of(), importance, null, null));
    }

    @Test
    void digestListsDecisionsWithRationaleThenPreferencesFactsAndOpenNextSteps() {
        memory.decide("P1", "Use SQLite", "one file, works offline", DecisionCategory.TECH_CHOICE, List.of(), 0.9);
        item(MemoryType.FACT, "Minor fact", 0.1);
        item(MemoryType.FACT, "Major fact", 0.9);
        item(MemoryType.PREFERENCE, "Small commits", 0.5);
        memory.add(new MemoryService.NewItem(null, MemoryType.PREFERENCE, "Reply in English", null, null, null, null, List.of(),
                null, null, null));
        memory.add(new MemoryService.NewItem("P1", MemoryType.NEXT_STEP, "Ship 1.0", null, null, 1, Effort.LARGE, List.of(), null,
                null, null));
        MemoryItem done = memory.add(MemoryService.NewItem.of("P1", MemoryType.NEXT_STEP, "Done already"));
        memory.setStatus(done.id(), NextStatus.COMPLETED);
        item(MemoryType.EVENT, "Deployed on Monday", 0.9);
        memory.add(MemoryService.NewItem.of("P2", MemoryType.FACT, "Other project's fact"));

        String d = new ContextDigest(omni).build("P1", "app", 10_000);

        assertThat(d).startsWith("# Project memory: app\n");
        assertThat(d).contains("## Decisions\n\n- Use SQLite — because one file, works offline _(tech choice)_\n");
        assertThat(d).contains("- Reply in English _(all projects)_");
        assertThat(d).contains("## Next steps\n\n- [ ] P1 Ship 1.0 _(large effort)_\n");
        assertThat(d.indexOf("## Decisions")).isLessThan(d.indexOf("## Preferences"));
        assertThat(d.indexOf("## Preferences")).isLessThan(d.indexOf("## Facts"));
        assertThat(d.indexOf("## Facts")).isLessThan(d.indexOf("## Next steps"));
        assertThat(d.indexOf("Major fact")).isLessThan(d.indexOf("Minor fact"));
        assertThat(d).doesNotContain("Done already").doesNotContain("Deployed").doesNotContain("Other project");
    }

    @Test
    void aSmallBudgetKeepsTheMostImportantItems() {
        for (int i = 0; i < 30; i++) {
            item(MemoryType.FACT, "Unimportant fact number " + i + " with some padding words", 0.1);
        }
        item(MemoryType.FACT, "The one fact that matters", 1.0);

        String d = new ContextDigest(omni).build("P1", "app", 300);

        assertThat(d.length()).isLessThanOrEqualTo(300);
        assertThat(d).contains("The one fact that matters").containsPattern("_\\d+ more in `omni memory list`._");
        assertThatThrownBy(() -> new ContextDigest(omni).build("P1", "app", 10)).isInstanceOf(OmniException.class);
    }

    @Test
    void writeReplacesOnlyOmnisMarkedSection() throws Exception {
        Path agents = tmp.resolve("AGENTS.md");
        String before = "# Agents\n\nHand-written rules.\n\n";
        String after = "\n## More hand-written notes\n\nKeep these.\n";
        Files.writeString(agents, before + ContextFile.BEGIN + "\nold digest\n" + ContextFile.END + after);

        assertThat(ContextFile.write(agents, "# Project memory\n\n- new\n")).isEqualTo(ContextFile.Outcome.REPLACED);
        assertThat(Files.readString(agents)).isEqualTo(before + ContextFile.BEGIN + "\n# Project memory\n\n- new\n" + ContextFile.END + after);
        assertThat(ContextFile.write(agents, "# Project memory\n\n- new\n")).isEqualTo(ContextFile.Outcome.UNCHANGED);
    }

    @Test
    void writeCreatesTheFileOrAppendsTheSection() throws Exception {
        Path fresh = tmp.resolve("new/CLAUDE.md");
        assertThat(ContextFile.write(fresh, "digest\n")).isEqualTo(ContextFile.Outcome.CREATED);
        assertThat(Files.readString(fresh)).isEqualTo(ContextFile.BEGIN + "\ndigest\n" + ContextFile.END + "\n");

        Path existing = tmp.resolve("AGENTS.md");
        Files.writeString(existing, "# Rules\nno newline at end");
        assertThat(ContextFile.write(existing, "digest")).isEqualTo(ContextFile.Outcome.APPENDED);
        assertThat(Files.readString(existing)).isEqualTo("# Rules\nno newline at end\n\n" + ContextFile.BEGIN + "\ndigest\n"
                + ContextFile.END + "\n");
    }

    @Test
    void writeRefusesBrokenMarkersAndLeavesTheFileAlone() throws Exception {
        Path agents = Files.createDirectories(tmp.resolve("ctx")).resolve("AGENTS.md");
        String broken = "# Agents\n" + ContextFile.BEGIN + "\nno end marker\n";
        Files.writeString(agents, broken);

        assertThatThrownBy(() -> ContextFile.write(agents, "digest")).isInstanceOf(OmniException.class)
                .hasMessageContaining("broken omni section");
        assertThat(Files.readString(agents)).isEqualTo(broken);
        try (var s = Files.list(agents.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temp file left behind").containsExactly("AGENTS.md");
        }
    }
}
