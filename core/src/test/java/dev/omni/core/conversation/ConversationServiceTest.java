package dev.omni.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.store.Database;
import dev.omni.core.testing.Fixtures;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.FtsQuery;
import dev.omni.core.workspace.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationServiceTest {
    @TempDir
    Path tmp;
    TestHome t;
    Omni omni;
    ConversationService conv;
    Workspace ws;

    @BeforeEach
    void open() {
        t = new TestHome(tmp);
        omni = t.open();
        conv = new ConversationService(omni);
        ws = new dev.omni.core.lifecycle.WorkspaceLifecycle(omni).init(t.work.resolve("app"), "app", null, "cli").workspace();
    }

    @AfterEach
    void close() {
        omni.close();
    }

    private long count(String sql) {
        return omni.db().read(c -> Database.queryLong(c, sql, -1));
    }

    private List<ConversationService.FileReport> importAll(Path... files) {
        return conv.importPaths(List.of(files), null, (p, m) -> { });
    }

    @Test
    void importingTheSameFileAgainAddsNothing() {
        Path file = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), ws.localPath());
        importAll(file);
        long outbox = count("SELECT count(*) FROM outbox");

        ConversationService.FileReport again = importAll(file).get(0);

        assertThat(again.added()).isZero();
        assertThat(again.conversations().get(0).created()).isFalse();
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM messages")).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
    }

    @Test
    void aSessionThatGrewAddsOnlyItsNewMessagesAfterTheLastSeq() {
        Path file = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), ws.localPath());
        Conversation first = importAll(file).get(0).conversations().get(0).conversation();
        Fixtures.append(Fixtures.CLAUDE_GROWTH, file, ws.localPath());

        ConversationService.FileReport grown = importAll(file).get(0);

        assertThat(grown.added()).isEqualTo(2);
        Conversation c = grown.conversations().get(0).conversation();
        assertThat(c.id()).isEqualTo(first.id());
        assertThat(c.messageCount()).isEqualTo(11);
        assertThat(c.inputTokens()).isEqualTo(first.inputTokens() + 800);
        List<Message> ms = conv.messages(c.id());
        assertThat(ms).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(ms.get(10).content()).isEqualTo("Added test_heartbeat_race in tests/ws.test.ts.");
        assertThat(count("SELECT count(*) FROM (SELECT conversation_pk, seq FROM messages GROUP BY 1, 2 HAVING count(*) > 1)")).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE type = 'conversation' AND op = 'update'")).isEqualTo(1);
    }

    @Test
    void aConversationGoesToTheCwdsWorkspaceElseTheOneGivenElseNone() throws Exception {
        Workspace other = new dev.omni.core.lifecycle.WorkspaceLifecycle(omni).init(t.work.resolve("other"), "other", null, "cli").workspace();
        Path inWs = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("a/11111111-1111-1111-1111-111111111111.jsonl"), ws.localPath().resolve("deep/er"));
        Path elsewhere = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("b/22222222-2222-2222-2222-222222222222.jsonl"), Path.of("/nowhere/known"));
        Path none = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("c/33333333-3333-3333-3333-333333333333.jsonl"), Path.of("/nowhere/known"));

        Conversation a = conv.importPaths(List.of(inWs), other.id(), (p, m) -> { }).get(0).conversations().get(0).conversation();
        Conversation b = conv.importPaths(List.of(elsewhere), "other/main", (p, m) -> { }).get(0).conversations().get(0).conversation();
        Conversation c = importAll(none).get(0).conversations().get(0).conversation();

        assertThat(a.workspaceId()).isEqualTo(ws.id());
        assertThat(b.workspaceId()).isEqualTo(other.id());
        assertThat(b.projectId()).isEqualTo(other.projectId());
        assertThat(c.workspaceId()).isNull();
        assertThat(c.projectId()).isNull();
        assertThat(conv.list(ConversationFilter.all(10).withWorkspace(ws.id()))).extracting(Conversation::id).containsExactly(a.id());
        assertThatThrownBy(() -> conv.workspace("main")).hasMessageContaining("matches several workspaces");
    }

    @Test
    void aRejectedFileLeavesNothingBehindAndTheOthersAreStillImported() throws Exception {
        Path good = Fixtures.copy(Fixtures.JSON, tmp.resolve("t/good.json"), ws.localPath());
        Path truncated = Fixtures.copy(Fixtures.JSON_TRUNCATED, tmp.resolve("t/truncated.json"), null);
        Path notes = Fixtures.copy(Fixtures.NOT_A_TRANSCRIPT, tmp.resolve("t/notes.txt"), null);
        Path latin1 = Fixtures.copy(Fixtures.LATIN1, tmp.resolve("t/latin1.jsonl"), null);
        Path allBroken = Files.writeString(tmp.resolve("t/broken.jsonl"), "{\"type\":\"user\", nope\n{{{\n");

        List<ConversationService.FileReport> r = importAll(truncated, notes, good, latin1, allBroken);

        assertThat(r.get(0).rejected()).contains("truncated.json:5").contains("not valid JSON");
        assertThat(r.get(1).rejected()).contains("cannot tell what kind of transcript");
        assertThat(r.get(2).rejected()).isNull();
        assertThat(r.get(3).rejected()).contains("not UTF-8");
        assertThat(r.get(4).rejected()).contains("no valid JSON line");
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM messages")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM outbox WHERE type <> 'activity'")).isEqualTo(5);
    }

    @Test
    void removedConversationsLoseTheirMessagesAndComeBackOnlyByExplicitImport() {
        Path file = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), ws.localPath());
        Conversation c = importAll(file).get(0).conversations().get(0).conversation();

        Conversation removed = conv.remove(c.externalId());

        assertThat(removed.deleted()).isTrue();
        assertThat(count("SELECT count(*) FROM messages")).isZero();
        assertThat(count("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'websocket'")).isZero();
        assertThat(conv.list(ConversationFilter.all(10))).isEmpty();
        assertThat(count("SELECT count(*) FROM outbox WHERE type = 'conversation' AND op = 'delete'")).isEqualTo(1);

        ConversationService.FileReport back = importAll(file).get(0);
        assertThat(back.added()).isEqualTo(9);
        assertThat(conv.get(c.id()).deleted()).isFalse();
        assertThat(conv.get(c.id()).messageCount()).isEqualTo(9);
    }

    @Test
    void searchFindsMessagesWithStemmingAccentsAndSnippets() {
        importAll(Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), ws.localPath()),
                Fixtures.copy(Fixtures.CODEX, tmp.resolve("t/rollout-x.jsonl"), ws.localPath()));

        List<MessageHit> hits = conv.search("reconnects", ConversationFilter.all(5));
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).snippet()).contains(FtsQuery.MARK_START);
        assertThat(hits.get(0).conversationTitle()).isEqualTo("Fix the flaky websocket reconnect test");
        assertThat(hits.get(0).workspaceId()).isEqualTo(ws.id());

        assertThat(conv.search("naive jitter", ConversationFilter.all(5))).extracting(MessageHit::seq).containsExactly(8L);
        assertThat(conv.search("\"ca marche\"", ConversationFilter.all(5))).extracting(MessageHit::role).containsExactly(Role.USER);
        assertThat(conv.search("reconnect", ConversationFilter.all(5).withRole(Role.TOOL))).extracting(MessageHit::role)
                .containsOnly(Role.TOOL);
        assertThat(conv.search("grep", ConversationFilter.all(5))).as("tool calls are searchable").isNotEmpty();
    }

    @Test
    void jsonExportImportsBackWithoutLossOrDuplicates() throws Exception {
        Path file = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), ws.localPath());
        Conversation c = importAll(file).get(0).conversations().get(0).conversation();
        List<Message> original = conv.messages(c.id());
        StringWriter w = new StringWriter();
        ConversationExport.json(c, original, new PrintWriter(w));
        Path exported = Files.writeString(tmp.resolve("export.json"), w.toString());

        assertThat(importAll(exported).get(0).added()).as("same store: nothing new").isZero();

        TestHome other = new TestHome(tmp.resolve("other"));
        try (Omni o = other.open()) {
            ConversationService s = new ConversationService(o);
            ConversationService.FileReport r = s.importPaths(List.of(exported), null, (p, m) -> { }).get(0);
            Conversation copy = r.conversations().get(0).conversation();
            List<Message> copied = s.messages(copy.id());

            assertThat(r.problems()).isEmpty();
            assertThat(copy.source()).isEqualTo("claude");
            assertThat(copy.externalId()).isEqualTo(c.externalId());
            assertThat(copy.title()).isEqualTo(c.title());
            assertThat(copy.inputTokens()).isEqualTo(c.inputTokens());
            assertThat(copied).hasSameSizeAs(original);
            for (int i = 0; i < original.size(); i++) {
                Message a = original.get(i);
                Message b = copied.get(i);
                assertThat(b).usingRecursiveComparison().ignoringFields("id", "conversationId").isEqualTo(a);
            }
            assertThat(s.importPaths(List.of(exported), null, (p, m) -> { }).get(0).added()).isZero();
        }
    }

    @Test
    void markdownExportIsReadableWithCollapsibleToolOutput() {
        Path file = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), ws.localPath());
        Conversation c = importAll(file).get(0).conversations().get(0).conversation();
        StringWriter w = new StringWriter();

        ConversationExport.markdown(c, conv.messages(c.id()), "app/app", new PrintWriter(w));

        assertThat(w.toString()).startsWith("# Fix the flaky websocket reconnect test\n")
                .contains("## 1. user · 2026-11-20T09:00:00.000Z\n\nThe websocket reconnect test fails")
                .contains("<details><summary>tool: Bash</summary>")
                .contains("<details><summary>thinking</summary>")
                .contains("scheduleReconnect()");
    }
}
