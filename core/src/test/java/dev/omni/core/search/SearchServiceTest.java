package dev.omni.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.store.Database;
import dev.omni.core.testing.Fixtures;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.FtsQuery;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchServiceTest {
    @TempDir
    Path tmp;
    TestHome t;
    Omni omni;
    Workspace ws;
    SearchService search;

    @BeforeEach
    void open() throws Exception {
        t = new TestHome(tmp);
        omni = t.open();
        Path root = t.work.resolve("app");
        Files.createDirectories(root.resolve("src/net"));
        Files.writeString(root.resolve("src/net/WebSocketClient.java"), "class WebSocketClient {}\n");
        Files.writeString(root.resolve("src/net/websocket_reconnect.ts"), "export {}\n");
        Files.writeString(root.resolve("README.md"), "# app\n");
        ws = new dev.omni.core.lifecycle.WorkspaceLifecycle(omni).init(root, "app", null, "cli").workspace();
        new SnapshotService(omni).take(ws, SnapshotService.Options.of("first", "cli"), Warnings.IGNORE, Progress.NONE);
        new MemoryService(omni).add(MemoryService.NewItem.of(ws.projectId(), MemoryType.DECISION,
                "Reconnect the websocket with exponential backoff"));
        new ConversationService(omni).importPaths(List.of(Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), root)), null,
                (p, m) -> { });
        search = new SearchService(omni);
    }

    @AfterEach
    void close() {
        omni.close();
    }

    @Test
    void oneRankedListAcrossMemoryMessagesAndFilesSayingWhereEachLives() {
        List<SearchHit> hits = search.search("websocket reconnect", EnumSet.allOf(SearchKind.class), null, 20);

        assertThat(hits).extracting(SearchHit::kind).contains(SearchKind.MEMORY, SearchKind.MESSAGE, SearchKind.FILE);
        assertThat(hits.get(0).kind()).as("the best memory hit ranks first").isEqualTo(SearchKind.MEMORY);
        assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        SearchHit memory = hits.stream().filter(h -> h.kind() == SearchKind.MEMORY).findFirst().orElseThrow();
        assertThat(memory.projectName()).isEqualTo("app");
        assertThat(memory.memoryType()).isEqualTo("decision");
        SearchHit message = hits.stream().filter(h -> h.kind() == SearchKind.MESSAGE).findFirst().orElseThrow();
        assertThat(message.conversationTitle()).isEqualTo("Fix the flaky websocket reconnect test");
        assertThat(message.workspaceName()).isEqualTo("main");
        assertThat(message.seq()).isPositive();
        assertThat(message.snippet()).contains(FtsQuery.MARK_START);
        SearchHit file = hits.stream().filter(h -> h.kind() == SearchKind.FILE).findFirst().orElseThrow();
        assertThat(file.path()).isEqualTo("src/net/websocket_reconnect.ts");
        assertThat(file.snapshotId()).isEqualTo(new WorkspaceService(omni).find(ws.id()).orElseThrow().currentSnapshot().value());
        assertThat(file.snippet()).contains(FtsQuery.MARK_START + "websocket" + FtsQuery.MARK_END);
    }

    @Test
    void kindsAndLimitNarrowTheSearch() {
        assertThat(search.search("websocket", EnumSet.of(SearchKind.FILE), null, 10)).extracting(SearchHit::path)
                .containsExactlyInAnyOrder("src/net/websocket_reconnect.ts");
        assertThat(search.search("websocket", EnumSet.of(SearchKind.MESSAGE), null, 10)).allMatch(h -> h.kind() == SearchKind.MESSAGE);
        assertThat(search.search("websocket", EnumSet.allOf(SearchKind.class), null, 2)).hasSize(2);
        assertThat(search.search("websocket", EnumSet.allOf(SearchKind.class), "NOSUCHPROJECT", 10)).isEmpty();
        assertThatThrownBy(() -> SearchKind.parseList("memory,blogs")).hasMessageContaining("unknown search area 'blogs'");
    }

    @Test
    void filePathsFollowTheWorkspacesCurrentSnapshot() throws Exception {
        search.search("readme", EnumSet.of(SearchKind.FILE), null, 10);
        Files.move(ws.localPath().resolve("README.md"), ws.localPath().resolve("GUIDE.md"));
        new SnapshotService(omni).take(ws, SnapshotService.Options.of("second", "cli"), Warnings.IGNORE, Progress.NONE);

        assertThat(search.search("readme", EnumSet.of(SearchKind.FILE), null, 10)).isEmpty();
        assertThat(search.search("guide", EnumSet.of(SearchKind.FILE), null, 10)).extracting(SearchHit::path).containsExactly("GUIDE.md");
        long indexed = omni.db().read(c -> Database.queryLong(c, "SELECT count(*) FROM search_paths", 0));
        assertThat(indexed).as("the old snapshot's paths are gone").isEqualTo(3);
    }
}
