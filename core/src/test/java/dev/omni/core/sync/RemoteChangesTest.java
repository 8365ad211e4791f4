package dev.omni.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.memory.HistoryEntry;
import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.outbox.Applied;
import dev.omni.core.store.Database;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying other devices' changes: last-writer-wins for memory, once-only for messages and activity, never an outbox entry. */
class RemoteChangesTest {
    @TempDir
    Path tmp;

    private static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }

    private static Applied apply(Omni omni, String type, String op, JsonNode data) {
        return omni.db().transaction(() -> new RemoteChanges(omni).apply(type, op, data));
    }

    private static long outbox(Omni omni) {
        return omni.db().read(c -> Database.queryLong(c, "SELECT count(*) FROM outbox", 0));
    }

    @Test
    void memoryItemsResolveLastWriterWinsAndTheLoserStaysInTheHistory() throws Exception {
        TestHome t = new TestHome(tmp);
        try (Omni omni = t.open()) {
            MemoryService s = new MemoryService(omni);
            MemoryItem local = s.add(MemoryService.NewItem.of(null, MemoryType.FACT, "port 8080"));
            long before = outbox(omni);

            MemoryItem older = local.toBuilder().content("port 7070").updatedAt(local.updatedAt().minusSeconds(5))
                    .deviceId("01ZZZZZZZZZZZZZZZZZZZZZZZZ").build();
            assertThat(apply(omni, "memory_item", "update", json(MemoryCodec.toJson(older)))).isEqualTo(Applied.SUPERSEDED);
            assertThat(s.get(local.id()).content()).isEqualTo("port 8080");

            // Same time: the higher device id wins, on every device alike.
            MemoryItem tieHigh = local.toBuilder().content("port 9090").deviceId("01ZZZZZZZZZZZZZZZZZZZZZZZZ").build();
            assertThat(apply(omni, "memory_item", "update", json(MemoryCodec.toJson(tieHigh)))).isEqualTo(Applied.APPLIED);
            assertThat(s.get(local.id()).content()).isEqualTo("port 9090");
            assertThat(apply(omni, "memory_item", "update", json(MemoryCodec.toJson(tieHigh)))).isEqualTo(Applied.UNCHANGED);

            List<HistoryEntry> h = s.history(local.id());
            assertThat(h).extracting(HistoryEntry::op).containsExactly("create", "superseded", "update");
            assertThat(h.get(1).data()).contains("port 7070");
            assertThat(outbox(omni)).as("other devices' changes are not sent back").isEqualTo(before);

            t.clock.advance(Duration.ofMinutes(1));
            MemoryItem mine = s.edit(local.id(), MemoryService.Edit.content("port 8443"));
            assertThat(mine.content()).isEqualTo("port 8443");
            assertThat(apply(omni, "memory_item", "update", json(MemoryCodec.toJson(tieHigh)))).isEqualTo(Applied.SUPERSEDED);
            assertThat(s.get(local.id()).content()).isEqualTo("port 8443");

            MemoryItem fresh = local.toBuilder().id("01M8AAAAAAAAAAAAAAAAAAAAAA").content("new elsewhere").deviceId("01ZZZZZZZZZZZZZZZZZZZZZZZZ")
                    .build();
            assertThat(apply(omni, "memory_item", "create", json(MemoryCodec.toJson(fresh)))).isEqualTo(Applied.APPLIED);
            assertThat(s.search("elsewhere", dev.omni.core.memory.MemoryFilter.all(), false)).hasSize(1);
        }
    }

    @Test
    void messagesAndActivityApplyOnceAndAMessageWithoutItsConversationIsSkipped() throws Exception {
        TestHome t = new TestHome(tmp);
        try (Omni omni = t.open()) {
            String conv = Json.write(Map.ofEntries(Map.entry("id", "01M8CCCCCCCCCCCCCCCCCCCCCC"), Map.entry("source", "claude"),
                    Map.entry("external_id", "session-1"), Map.entry("title", "Elsewhere"), Map.entry("message_count", 1),
                    Map.entry("created_at", "2026-11-20T10:00:00.000Z"), Map.entry("updated_at", "2026-11-20T10:00:00.000Z"),
                    Map.entry("device_id", "01M8DDDDDDDDDDDDDDDDDDDDDD")));
            String msg = Json.write(Map.of("id", "01M8EEEEEEEEEEEEEEEEEEEEEE", "conversation_id", "01M8CCCCCCCCCCCCCCCCCCCCCC", "seq", 1,
                    "external_id", "u-1", "role", "user", "content", "the quokka deploy failed", "created_at",
                    "2026-11-20T10:00:00.000Z"));
            assertThat(apply(omni, "message", "create", json(msg))).isEqualTo(Applied.SKIPPED);
            assertThat(apply(omni, "conversation", "create", json(conv))).isEqualTo(Applied.APPLIED);
            assertThat(apply(omni, "message", "create", json(msg))).isEqualTo(Applied.APPLIED);
            assertThat(apply(omni, "message", "create", json(msg))).isEqualTo(Applied.UNCHANGED);
            long indexed = omni.db().read(c -> Database.queryLong(c,
                    "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'quokka'", 0));
            assertThat(indexed).isEqualTo(1);
            long rows = omni.db().read(c -> Database.queryLong(c, "SELECT count(*) FROM messages_fts", 0));
            assertThat(rows).isEqualTo(1);

            String event = Json.write(Map.of("id", "01M8FFFFFFFFFFFFFFFFFFFFFF", "type", "snapshot.created", "actor", "daemon",
                    "message", "on the laptop", "created_at", "2026-11-20T10:00:00.000Z"));
            assertThat(apply(omni, "activity", "create", json(event))).isEqualTo(Applied.APPLIED);
            assertThat(apply(omni, "activity", "create", json(event))).isEqualTo(Applied.UNCHANGED);

            assertThat(apply(omni, "something_newer", "create", json("{}"))).isEqualTo(Applied.SKIPPED);
            assertThatThrownBy(() -> apply(omni, "message", "create", json("{\"id\": \"x\", \"seq\": 1}")))
                    .isInstanceOf(OmniException.class).hasMessageContaining("missing");
            assertThatThrownBy(() -> apply(omni, "memory_item", "create", json("[1, 2]")))
                    .isInstanceOf(OmniException.class).hasMessageContaining("not a JSON object");
            assertThat(outbox(omni)).isZero();
        }
    }
}
