package dev.omni.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Omni;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.outbox.OutboxEntry;
import dev.omni.core.sync.ChangeLog;
import dev.omni.core.testing.Fixtures;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.InputProblem;
import dev.omni.core.util.Json;
import dev.omni.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each transcript format, imported from a hand-written fixture: messages, order, roles, blocks, tokens, problems. */
class ImportFormatsTest {
    @TempDir
    Path tmp;
    TestHome t;
    Omni omni;
    ConversationService conv;
    Workspace ws;
    List<String> warnings = new ArrayList<>();

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

    private ConversationService.FileReport importOne(Path file) {
        List<ConversationService.FileReport> r = conv.importPaths(List.of(file), null, (p, m) -> warnings.add(m));
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    @Test
    void claudeCodeSession() throws Exception {
        Path file = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl"), ws.localPath().resolve("src"));

        ConversationService.FileReport r = importOne(file);

        assertThat(r.rejected()).isNull();
        assertThat(r.format()).isEqualTo(TranscriptFormat.CLAUDE);
        Conversation c = r.conversations().get(0).conversation();
        assertThat(c.source()).isEqualTo("claude");
        assertThat(c.externalId()).isEqualTo("6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10");
        assertThat(c.title()).isEqualTo("Fix the flaky websocket reconnect test");
        assertThat(c.workspaceId()).as("cwd is a subdirectory of the workspace").isEqualTo(ws.id());
        assertThat(c.projectId()).isEqualTo(ws.projectId());
        assertThat(c.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(c.messageCount()).isEqualTo(9);
        assertThat(c.inputTokens()).as("a reply's usage counts once, not once per line").isEqualTo(2048 + 900 + 700);
        assertThat(c.outputTokens()).isEqualTo(310 + 120 + 40);
        assertThat(c.startedAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(c.lastMessageAt()).isEqualTo(Instant.parse("2026-11-20T09:01:05Z"));

        List<Message> ms = conv.messages(c.id());
        assertThat(ms).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(ms).extracting(Message::externalId)
                .containsExactly("u-0001", "u-0002", "u-0003", "u-0004", "u-0005", "u-0007", "u-0008", "u-0009", "u-0010");
        assertThat(ms).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.ASSISTANT, Role.ASSISTANT,
                Role.TOOL, Role.ASSISTANT, Role.USER, Role.SYSTEM, Role.ASSISTANT);
        assertThat(ms.get(0).content()).isEqualTo("The websocket reconnect test fails about once in ten runs.\nCan you find out why?\n"
                + "Logs say: «connection reset» — café wifi again?");
        assertThat(ms.get(0).blocks()).isNull();
        assertThat(ms.get(1).contentBlocks()).singleElement().satisfies(b -> {
            assertThat(b.isThinking()).isTrue();
            assertThat(b.text()).contains("races with the heartbeat timer");
        });
        assertThat(ms.get(1).inputTokens()).isNull();
        assertThat(ms.get(3).inputTokens()).isEqualTo(2048);
        assertThat(ms.get(3).usage()).contains("cache_read_input_tokens");
        assertThat(ms.get(3).contentBlocks()).singleElement().satisfies(b -> {
            assertThat(b.isToolUse()).isTrue();
            assertThat(b.name()).isEqualTo("Bash");
            assertThat(b.id()).isEqualTo("toolu_01");
            assertThat(b.input()).contains("grep -rn reconnect src/");
        });
        assertThat(ms.get(4).contentBlocks()).singleElement().satisfies(b -> {
            assertThat(b.isToolResult()).isTrue();
            assertThat(b.id()).isEqualTo("toolu_01");
            assertThat(b.text()).contains("scheduleReconnect()");
        });
        assertThat(ms.get(4).parentExternalId()).isEqualTo("u-0004");
        assertThat(ms.get(5).contentBlocks()).extracting(ContentBlock::type).containsExactly("unknown:fancy_widget", "text");
        assertThat(ms.get(5).content()).contains("two reconnects race");
        assertThat(ms.get(6).content()).isEqualTo("Merci — ça marche! 🎉 Ship it.");
        assertThat(ms.get(7).content()).isEqualTo("Conversation compacted");
        assertThat(ms).allMatch(m -> m.createdAt() != null);

        assertThat(r.problems()).extracting(InputProblem::line).containsExactly(7L, 9L);
        assertThat(r.problems().get(0).message()).contains("not valid JSON");
        assertThat(r.problems().get(1).message()).contains("unknown content block type 'fancy_widget'");
        assertThat(warnings).anyMatch(w -> w.startsWith(file + ":7: "));
        assertThat(r.skipped()).containsEntry("file-history-snapshot line", 1);
    }

    @Test
    void codexRollout() {
        Path file = Fixtures.copy(Fixtures.CODEX, tmp.resolve("t/rollout-2026-11-20T10-00-00-x.jsonl"), ws.localPath());

        ConversationService.FileReport r = importOne(file);

        assertThat(r.format()).isEqualTo(TranscriptFormat.CODEX);
        Conversation c = r.conversations().get(0).conversation();
        assertThat(c.source()).isEqualTo("codex");
        assertThat(c.externalId()).isEqualTo("0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        assertThat(c.workspaceId()).isEqualTo(ws.id());
        assertThat(c.title()).isEqualTo("Add a retry to the HTTP client");
        assertThat(c.model()).isEqualTo("gpt-5-codex");
        assertThat(c.inputTokens()).isEqualTo(1200);
        assertThat(c.outputTokens()).isEqualTo(340);

        List<Message> ms = conv.messages(c.id());
        assertThat(ms).extracting(Message::role).containsExactly(Role.USER, Role.USER, Role.ASSISTANT, Role.ASSISTANT, Role.TOOL,
                Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.ASSISTANT);
        assertThat(ms).extracting(Message::externalId).containsExactly("L2", "L3", "L6", "L7", "L8", "L9", "L10", "L11", "L14");
        assertThat(ms.get(1).content()).isEqualTo("Add a retry to the HTTP client\nwith exponential backoff and jitter.");
        assertThat(ms.get(2).contentBlocks().get(0).isThinking()).isTrue();
        assertThat(ms.get(2).content()).contains("Planning the retry loop");
        ContentBlock call = ms.get(3).contentBlocks().get(0);
        assertThat(call.name()).isEqualTo("shell");
        assertThat(call.id()).isEqualTo("call_A1");
        assertThat(call.input()).contains("rg -n 'fn send' src");
        ContentBlock out = ms.get(4).contentBlocks().get(0);
        assertThat(out.id()).isEqualTo("call_A1");
        assertThat(out.text()).isEqualTo("src/http.rs:12:pub fn send(req: Request) -> Result<Response> {\n");
        assertThat(ms.get(5).contentBlocks().get(0).name()).isEqualTo("apply_patch");
        assertThat(ms.get(5).content()).contains("*** Begin Patch");
        assertThat(ms.get(7).content()).isEqualTo("Added exponential backoff (at most 5 tries) with a naïve jitter of ±20 %.");
        assertThat(ms.get(7).model()).isEqualTo("gpt-5-codex");
        assertThat(ms.get(7).inputTokens()).isEqualTo(1200);
        assertThat(ms.get(7).usage()).contains("reasoning_output_tokens");
        assertThat(ms.get(8).contentBlocks().get(0).type()).isEqualTo("unknown:ghost_item");

        assertThat(r.problems()).extracting(InputProblem::line).containsExactly(14L, 15L);
        assertThat(r.problems().get(1).message()).contains("truncated");
        assertThat(r.skipped()).containsEntry("event_msg user_message", 1).containsEntry("event_msg agent_message", 1);
    }

    @Test
    void aiderHistoryEachSessionIsAConversation() {
        Path file = Fixtures.copy(Fixtures.AIDER, ws.localPath().resolve(".aider.chat.history.md"), null);

        ConversationService.FileReport r = importOne(file);

        assertThat(r.format()).isEqualTo(TranscriptFormat.AIDER);
        assertThat(r.conversations()).hasSize(2);
        Conversation first = r.conversations().get(0).conversation();
        assertThat(first.workspaceId()).isEqualTo(ws.id());
        assertThat(first.title()).isEqualTo("add a greet() function to hello.py");
        assertThat(first.model()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(first.startedAt()).isEqualTo(Instant.parse("2026-11-19T14:02:11Z"));
        assertThat(first.inputTokens()).isEqualTo(2100);
        assertThat(first.outputTokens()).isEqualTo(120);
        List<Message> ms = conv.messages(first.id());
        assertThat(ms).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER, Role.TOOL);
        assertThat(ms.get(1).content()).isEqualTo("add a greet() function to hello.py\nthat says \"Grüß Gott\" in Bavarian style");
        assertThat(ms.get(2).content()).startsWith("I'll add the function to `hello.py`:\n\nhello.py\n```python\n")
                .contains("\n>>>>>>> REPLACE\n```").endsWith("```");
        assertThat(ms.get(3).content()).startsWith("Tokens: 2.1k sent").endsWith("Commit 1a2b3c4 feat: Add greet function");
        assertThat(ms.get(5).content()).isEqualTo("Grüß Gott, Welt!");

        Conversation second = r.conversations().get(1).conversation();
        assertThat(second.model()).isEqualTo("gpt-4.1");
        assertThat(conv.messages(second.id())).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL);
        assertThat(second.outputTokens()).isEqualTo(42);
    }

    @Test
    void plainJson() {
        Path file = Fixtures.copy(Fixtures.JSON, tmp.resolve("t/conversation.json"), ws.localPath());

        ConversationService.FileReport r = importOne(file);

        assertThat(r.format()).isEqualTo(TranscriptFormat.JSON);
        Conversation c = r.conversations().get(0).conversation();
        assertThat(c.title()).isEqualTo("Design of the outbox — Überblick");
        assertThat(c.workspaceId()).isEqualTo(ws.id());
        List<Message> ms = conv.messages(c.id());
        assertThat(ms).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(ms).extracting(Message::externalId).containsExactly("m1", "m2", "m3", "m5");
        assertThat(ms.get(3).content()).isEqualTo("Danke! 👍");
        assertThat(ms.get(1).createdAt()).isEqualTo(Instant.parse("2026-11-18T08:00:05Z"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("unknown role 'wizard'");
        });
    }

    @Test
    void everyStoredRowIsInTheOutboxConversationFirst() throws Exception {
        Path file = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), ws.localPath());
        importOne(file);

        // The workspace's own activity (project and workspace created) comes first; then the import.
        var stored = new Outbox(omni).since(0, 100).stream().filter(e -> !e.type().equals("activity")).toList();
        assertThat(stored).hasSize(10);
        assertThat(stored.get(0).type()).isEqualTo("conversation");
        assertThat(stored.subList(1, 10)).allMatch(e -> e.type().equals("message") && e.op().equals("create"));
        assertThat(stored.subList(1, 10)).as("a message's text is not kept twice").allMatch(e -> e.data().equals(Outbox.DATA_AT_PUSH));

        // As pushed: each message's full state, read from the messages table.
        var out = new ChangeLog(omni, "https://omni.test").pending(100).stream().filter(e -> !e.type().equals("activity")).toList();
        assertThat(out).extracting(OutboxEntry::seq).containsExactlyElementsOf(stored.stream().map(OutboxEntry::seq).toList());
        JsonNode m = Json.mapper().readTree(out.get(4).data());
        assertThat(m.path("id").asText()).isEqualTo(out.get(4).entityId());
        assertThat(m.path("seq").asLong()).isEqualTo(4);
        assertThat(m.path("blocks").isArray()).isTrue();
        assertThat(m.path("conversation_id").asText()).isEqualTo(out.get(0).entityId());
    }

    @Test
    void removingAConversationBeforeItWasPushedDropsItsMessagesFromTheOutbox() throws Exception {
        Path file = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), ws.localPath());
        Conversation imported = importOne(file).conversations().get(0).conversation();
        // A change whose message vanished some other way is dropped when the outbox is read for a push.
        omni.db().transaction(() -> {
            Outbox.append(Outbox.MESSAGE, "01M8NOSUCHMESSAGE000000000", "create", Outbox.DATA_AT_PUSH, Instant.EPOCH);
            return null;
        });

        conv.remove(imported.id());

        var stored = new Outbox(omni).since(0, 100).stream().filter(e -> !e.type().equals("activity")).toList();
        assertThat(stored).extracting(OutboxEntry::type, OutboxEntry::op)
                .containsExactly(tuple("conversation", "create"), tuple("message", "create"), tuple("conversation", "delete"));
        var out = new ChangeLog(omni, "https://omni.test").pending(100).stream().filter(e -> !e.type().equals("activity")).toList();
        assertThat(out).extracting(OutboxEntry::type, OutboxEntry::op)
                .containsExactly(tuple("conversation", "create"), tuple("conversation", "delete"));
        List<OutboxEntry> left = new Outbox(omni).since(0, 100);
        assertThat(left).as("the orphan is gone for good").noneMatch(e -> e.type().equals("message"));
    }
}
