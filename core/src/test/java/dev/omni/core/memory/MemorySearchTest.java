package dev.omni.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.FtsQuery;
import dev.omni.core.util.TimeArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemorySearchTest {
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
        // Filler, so that the words searched for are rare and BM25 has statistics to work with.
        for (String s : List.of("The build uses Maven with the wrapper", "Releases are tagged vX.Y.Z", "CI has two cores",
                "The docs live in docs/", "Logs rotate daily", "Use records for values", "Keep methods short",
                "The GUI is JavaFX", "Objects are content-addressed", "Paths are NFC")) {
            memory.add(MemoryService.NewItem.of("P1", MemoryType.FACT, s));
        }
    }

    @AfterEach
    void close() {
        omni.close();
    }

    private MemoryItem add(MemoryType type, String text, double importance, String... tags) {
        t.clock.advance(Duration.ofMinutes(1));
        return memory.add(new MemoryService.NewItem("P1", type, text, null, null, null, null, List.of(tags), importance, null, null));
    }

    private List<String> search(String q) {
        return memory.search(q, MemoryFilter.applyingTo("P1"), false).stream().map(h -> h.item().content()).toList();
    }

    @Test
    void ranksByBm25AndHighlightsTheMatches() {
        add(MemoryType.FACT, "The websocket client reconnects after a websocket error, websocket by websocket", 0.5);
        add(MemoryType.FACT, "Some unrelated text that mentions a websocket once among many other words of little interest here", 0.5);

        List<MemoryHit> hits = memory.search("websocket", MemoryFilter.applyingTo("P1"), false);

        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).item().content()).startsWith("The websocket client");
        assertThat(hits.get(0).score()).isLessThan(hits.get(1).score());
        assertThat(hits.get(0).snippet()).contains(FtsQuery.MARK_START + "websocket" + FtsQuery.MARK_END);
    }

    @Test
    void stemsWordsAndFoldsAccents() {
        add(MemoryType.FACT, "The importer is running in the background", 0.5);
        add(MemoryType.PREFERENCE, "Meet at the Café Müller on Thursdays", 0.5);

        assertThat(search("runs")).containsExactly("The importer is running in the background");
        assertThat(search("cafe muller")).containsExactly("Meet at the Café Müller on Thursdays");
        assertThat(search("CAFÉ")).containsExactly("Meet at the Café Müller on Thursdays");
    }

    @Test
    void supportsPrefixesPhrasesOrAndExclusion() {
        add(MemoryType.FACT, "Reconnection backoff doubles each try", 0.5);
        add(MemoryType.FACT, "The heartbeat race broke reconnects", 0.5);
        add(MemoryType.FACT, "A race condition in the heartbeat", 0.5);

        assertThat(search("reconn*")).hasSize(2);
        assertThat(search("\"heartbeat race\"")).containsExactly("The heartbeat race broke reconnects");
        assertThat(search("backoff OR condition")).hasSize(2);
        assertThat(search("heartbeat -broke")).containsExactly("A race condition in the heartbeat");
        assertThat(search("c++ (weird) \"unbalanced")).isEmpty();
    }

    @Test
    void importanceThenRecencyBreakTies() {
        MemoryItem oldLow = add(MemoryType.NOTE, "pinned gradle version", 0.2);
        MemoryItem newLow = add(MemoryType.NOTE, "pinned kotlin version", 0.2);
        MemoryItem high = add(MemoryType.NOTE, "pinned jackson version", 0.9);

        List<MemoryHit> hits = memory.search("pinned", MemoryFilter.applyingTo("P1"), false);

        assertThat(hits).extracting(h -> h.item().id()).containsExactly(high.id(), newLow.id(), oldLow.id());
    }

    @Test
    void filtersByTypeTagAndTimeAndSearchesTagsToo() {
        MemoryItem decision = add(MemoryType.DECISION, "Store times as UTC text", 0.5, "storage");
        add(MemoryType.FACT, "Times in logs are local", 0.5, "logging");
        t.clock.advance(Duration.ofDays(10));
        MemoryItem recent = add(MemoryType.FACT, "Times in the API are UTC", 0.5, "api");

        assertThat(memory.search("times", MemoryFilter.applyingTo("P1").withType(MemoryType.DECISION), false))
                .extracting(h -> h.item().id()).containsExactly(decision.id());
        assertThat(memory.search("times", MemoryFilter.applyingTo("P1").withTag("API"), false))
                .extracting(h -> h.item().id()).containsExactly(recent.id());
        assertThat(memory.search("times", MemoryFilter.applyingTo("P1").withSince(TimeArgs.since("2d", t.clock.instant())), false))
                .extracting(h -> h.item().id()).containsExactly(recent.id());
        assertThat(search("storage")).containsExactly("Store times as UTC text");
    }

    @Test
    void searchingCanCountAnAccessForEachItemReturned() {
        MemoryItem m = add(MemoryType.FACT, "The staging database is read-only on Sundays", 0.5);

        memory.search("staging", MemoryFilter.all(), true);
        memory.search("staging", MemoryFilter.all(), false);

        assertThat(memory.get(m.id()).accessCount()).isEqualTo(1);
    }

    @Test
    void aQueryWithNothingToSearchIsRefused() {
        assertThatThrownBy(() -> memory.search("  -- ", MemoryFilter.all(), false)).hasMessageContaining("nothing to search for");
    }
}
