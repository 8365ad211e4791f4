package dev.omni.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.outbox.OutboxEntry;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryServiceTest {
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

    private List<OutboxEntry> outbox() {
        return new Outbox(omni).since(0, 1000);
    }

    @Test
    void addRecordsTheItemItsHistoryAndAnOutboxEntryTogether() throws Exception {
        MemoryItem m = memory.add(new MemoryService.NewItem("P1", MemoryType.FACT, "  The API is served on port 8080.\n",
                null, null, null, null, List.of("Ops", "api", "ops"), 0.8, null, null));

        assertThat(m.id()).hasSize(26);
        assertThat(m.content()).isEqualTo("The API is served on port 8080.");
        assertThat(m.tags()).containsExactly("api", "ops");
        assertThat(m.deviceId()).isEqualTo(omni.machineId());
        assertThat(m.sourceKind()).isEqualTo("cli");
        assertThat(memory.get(m.id())).isEqualTo(m);
        assertThat(memory.history(m.id())).singleElement().satisfies(h -> {
            assertThat(h.op()).isEqualTo("create");
            assertThat(h.version()).isEqualTo(1);
        });
        List<OutboxEntry> out = outbox();
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("memory_item");
            assertThat(e.entityId()).isEqualTo(m.id());
            assertThat(e.op()).isEqualTo("create");
            assertThat(e.pushedAt()).isNull();
        });
        JsonNode data = Json.mapper().readTree(out.get(0).data());
        assertThat(data.path("content").asText()).isEqualTo("The API is served on port 8080.");
        assertThat(data.path("importance").asDouble()).isEqualTo(0.8);
        assertThat(data.has("access_count")).as("local statistics are not synced").isFalse();
    }

    @Test
    void editRemoveAndRestoreAreEachKeptInHistoryAndOutbox() {
        MemoryItem m = memory.add(MemoryService.NewItem.of("P1", MemoryType.PREFERENCE, "Use tabs"));
        t.clock.advance(Duration.ofMinutes(1));
        MemoryItem edited = memory.edit(m.id().substring(0, 12).toLowerCase(), MemoryService.Edit.content("Use spaces, four of them"));
        t.clock.advance(Duration.ofMinutes(1));
        MemoryItem removed = memory.remove(m.id());
        t.clock.advance(Duration.ofMinutes(1));
        MemoryItem restored = memory.restore(m.id());

        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.updatedAt()).isAfter(m.updatedAt());
        assertThat(removed.deleted()).isTrue();
        assertThat(restored.deleted()).isFalse();
        assertThat(restored.content()).isEqualTo("Use spaces, four of them");
        assertThat(memory.history(m.id())).extracting(HistoryEntry::op).containsExactly("create", "update", "delete", "restore");
        assertThat(memory.history(m.id())).extracting(HistoryEntry::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(outbox()).extracting(OutboxEntry::op).containsExactly("create", "update", "delete", "restore");
    }

    @Test
    void removedItemsLeaveListsAndSearchUntilRestored() {
        MemoryItem m = memory.add(MemoryService.NewItem.of("P1", MemoryType.FACT, "Deploys run on Fridays"));
        memory.remove(m.id());

        assertThat(memory.list(MemoryFilter.applyingTo("P1"))).isEmpty();
        assertThat(memory.list(MemoryFilter.applyingTo("P1").withDeleted(true))).extracting(MemoryItem::id).containsExactly(m.id());
        assertThat(memory.search("fridays", MemoryFilter.all(), false)).isEmpty();

        memory.restore(m.id());
        assertThat(memory.search("fridays", MemoryFilter.all(), false)).extracting(h -> h.item().id()).containsExactly(m.id());
    }

    @Test
    void anEditThatChangesNothingRecordsNothing() {
        MemoryItem m = memory.add(MemoryService.NewItem.of("P1", MemoryType.FACT, "Same"));
        MemoryItem again = memory.edit(m.id(), MemoryService.Edit.content("Same\n"));

        assertThat(again).isEqualTo(m);
        assertThat(memory.history(m.id())).hasSize(1);
        assertThat(outbox()).hasSize(1);
    }

    @Test
    void readingAnItemCountsAnAccessButIsNoChange() {
        MemoryItem m = memory.add(MemoryService.NewItem.of(null, MemoryType.SKILL, "Profile with async-profiler"));
        memory.read(m.id());
        MemoryItem read = memory.read(m.id());

        assertThat(read.accessCount()).isEqualTo(2);
        assertThat(read.accessedAt()).isEqualTo(t.clock.instant());
        assertThat(memory.get(m.id()).accessCount()).isEqualTo(2);
        assertThat(memory.history(m.id())).hasSize(1);
        assertThat(outbox()).hasSize(1);
    }

    @Test
    void theSameDecisionTwiceIsOneItemWhoseRationaleIsUpdated() {
        MemoryService.Decided first = memory.decide("P1", "Use SQLite FTS5 for search", "works offline", DecisionCategory.TECH_CHOICE,
                List.of(), null);
        t.clock.advance(Duration.ofSeconds(5));
        MemoryService.Decided second = memory.decide("P1", "Use SQLite FTS5 for search", "works offline and is fast", null,
                List.of("search"), null);
        MemoryService.Decided third = memory.decide("P1", "Use SQLite FTS5 for search", null, null, List.of(), null);
        MemoryService.Decided elsewhere = memory.decide("P2", "Use SQLite FTS5 for search", null, null, List.of(), null);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.changed()).isTrue();
        assertThat(second.item().id()).isEqualTo(first.item().id());
        assertThat(second.item().rationale()).isEqualTo("works offline and is fast");
        assertThat(second.item().category()).isEqualTo(DecisionCategory.TECH_CHOICE);
        assertThat(second.item().tags()).containsExactly("search");
        assertThat(third.changed()).isFalse();
        assertThat(elsewhere.created()).isTrue();
    }

    @Test
    void nextStepsMoveThroughTheirStatusesAndListStartedFirstThenByPriority() {
        MemoryItem low = memory.add(new MemoryService.NewItem("P1", MemoryType.NEXT_STEP, "Write docs", null, null, 3,
                Effort.SMALL, List.of(), null, null, null));
        MemoryItem high = memory.add(new MemoryService.NewItem("P1", MemoryType.NEXT_STEP, "Fix the crash", null, null, 1,
                Effort.LARGE, List.of(), null, null, null));
        MemoryItem mid = memory.add(MemoryService.NewItem.of("P1", MemoryType.NEXT_STEP, "Add the benchmark"));
        MemoryItem gone = memory.add(MemoryService.NewItem.of("P1", MemoryType.NEXT_STEP, "Rewrite in Rust"));

        assertThat(mid.status()).isEqualTo(NextStatus.PENDING);
        assertThat(mid.priority()).isEqualTo(2);
        memory.setStatus(low.id(), NextStatus.STARTED);
        memory.setStatus(gone.id(), NextStatus.DISMISSED);
        MemoryItem done = memory.setStatus(mid.id(), NextStatus.COMPLETED);

        assertThat(done.status()).isEqualTo(NextStatus.COMPLETED);
        assertThat(memory.openNextSteps("P1")).extracting(MemoryItem::content).containsExactly("Write docs", "Fix the crash");
        assertThat(memory.list(MemoryFilter.applyingTo("P1").withStatuses(Set.of(NextStatus.COMPLETED))))
                .extracting(MemoryItem::id).containsExactly(mid.id());
        assertThatThrownBy(() -> memory.setStatus(memory.add(MemoryService.NewItem.of("P1", MemoryType.FACT, "x")).id(), NextStatus.STARTED))
                .isInstanceOf(OmniException.class).hasMessageContaining("not a next step");
        assertThat(high.effort()).isEqualTo(Effort.LARGE);
    }

    @Test
    void projectItemsAndGlobalItemsAreScopedAsAsked() {
        memory.add(MemoryService.NewItem.of("P1", MemoryType.FACT, "one"));
        memory.add(MemoryService.NewItem.of("P2", MemoryType.FACT, "two"));
        memory.add(MemoryService.NewItem.of(null, MemoryType.PREFERENCE, "everywhere"));

        assertThat(memory.list(MemoryFilter.applyingTo("P1"))).extracting(MemoryItem::content).containsExactlyInAnyOrder("one", "everywhere");
        assertThat(memory.list(new MemoryFilter(MemoryFilter.Scope.PROJECT, "P1", null, null, null, null, false, 10)))
                .extracting(MemoryItem::content).containsExactly("one");
        assertThat(memory.list(new MemoryFilter(MemoryFilter.Scope.GLOBAL, null, null, null, null, null, false, 10)))
                .extracting(MemoryItem::content).containsExactly("everywhere");
        assertThat(memory.list(MemoryFilter.all())).hasSize(3);
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndWritesNothing() {
        assertThatThrownBy(() -> memory.add(new MemoryService.NewItem("P1", MemoryType.FACT, "x", null, null, null, null, List.of(),
                1.5, null, null))).isInstanceOf(OmniException.class).hasMessageContaining("importance must be between 0 and 1");
        assertThatThrownBy(() -> memory.add(MemoryService.NewItem.of("P1", MemoryType.FACT, "   ")))
                .hasMessageContaining("needs text");
        assertThatThrownBy(() -> memory.add(new MemoryService.NewItem("P1", MemoryType.FACT, "x", null, null, 1, null, List.of(),
                null, null, null))).hasMessageContaining("belong to next steps");
        assertThatThrownBy(() -> memory.add(new MemoryService.NewItem("P1", MemoryType.FACT, "x", null, null, null, null,
                List.of("two words"), null, null, null))).hasMessageContaining("bad tag");
        assertThatThrownBy(() -> MemoryType.parse("opinion")).hasMessageContaining("one of: fact, decision");
        assertThatThrownBy(() -> memory.get("ZZZZ")).isInstanceOf(OmniException.class)
                .extracting(e -> ((OmniException) e).kind()).isEqualTo(OmniException.Kind.NOT_FOUND);
        assertThat(memory.list(MemoryFilter.all())).isEmpty();
        assertThat(outbox()).isEmpty();
    }

    @Test
    void aChangeAfterTheClockWentBackStillWinsLastWriterWins() {
        MemoryItem m = memory.add(MemoryService.NewItem.of("P1", MemoryType.NOTE, "first"));
        t.clock.advance(Duration.ofHours(-2));
        MemoryItem later = memory.edit(m.id(), MemoryService.Edit.content("second"));

        assertThat(later.updatedAt()).isAfter(m.updatedAt());
        assertThat(later.newerThan(m)).isTrue();
    }
}
