package dev.omni.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Omni;
import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.outbox.Applied;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page of other devices' changes is applied once, with the cursor; a broken change is skipped alone. */
class ChangeLogTest {
    private static final String SERVER = "https://omni.example.org";
    private static final String OTHER = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";

    @TempDir
    Path tmp;

    @Test
    void aBrokenChangeIsSkippedAloneAndAPageAppliedAgainChangesNothing() throws Exception {
        TestHome t = new TestHome(tmp);
        try (Omni omni = t.open(); Omni elsewhere = new TestHome(tmp.resolve("elsewhere")).open()) {
            MemoryItem item = new MemoryService(elsewhere).add(MemoryService.NewItem.of(null, MemoryType.FACT, "port 8080"));
            JsonNode data = Json.mapper().readTree(MemoryCodec.toJson(item));
            List<RemoteChange> page = List.of(
                    new RemoteChange(OTHER, 1, "memory_item", item.id(), "create", data, "2026-11-21T10:00:00Z"),
                    new RemoteChange(OTHER, 2, "memory_item", "01M8BROKEN0000000000000000", "create", Json.mapper().readTree("[1]"),
                            "2026-11-21T10:00:01Z"));
            ChangeLog log = new ChangeLog(omni, SERVER);
            List<String> warnings = new ArrayList<>();

            ChangeLog.Outcome first = log.apply(page, "cursor-2", (path, message) -> warnings.add(message));
            assertThat(first.count(Applied.APPLIED)).isEqualTo(1);
            assertThat(first.rejected()).isEqualTo(1);
            assertThat(warnings).singleElement().asString().contains("seq 2", "cannot be applied");
            assertThat(log.cursor()).isEqualTo("cursor-2");
            assertThat(new MemoryService(omni).list(MemoryFilter.all())).extracting(MemoryItem::content).containsExactly("port 8080");

            ChangeLog.Outcome again = log.apply(page, "cursor-2", (path, message) -> warnings.add(message));
            assertThat(again.count(Applied.UNCHANGED)).as("both are in the inbox, the skipped one too").isEqualTo(2);
            assertThat(again.rejected()).isZero();
            assertThat(warnings).hasSize(1);
            assertThat(new MemoryService(omni).list(MemoryFilter.all())).hasSize(1);
        }
    }
}
