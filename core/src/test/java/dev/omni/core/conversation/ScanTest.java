package dev.omni.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Omni;
import dev.omni.core.testing.Fixtures;
import dev.omni.core.testing.TestHome;
import dev.omni.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanTest {
    @TempDir
    Path tmp;

    @Test
    void scanImportsTheDefaultLocationsOfRegisteredWorkspacesOnlyAndOnlyWhatIsNew() throws Exception {
        TestHome t = new TestHome(tmp);
        try (Omni omni = t.open()) {
            Workspace ws = new dev.omni.core.lifecycle.WorkspaceLifecycle(omni).init(t.work.resolve("my.app"), "app", null, "cli").workspace();
            Path root = ws.localPath();
            Path claudeDir = t.userHome.resolve(".claude/projects/" + TranscriptScanner.claudeDir(root));
            Path session = Fixtures.copy(Fixtures.CLAUDE, claudeDir.resolve("6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl"), root);
            Fixtures.copy(Fixtures.CLAUDE, t.userHome.resolve(".claude/projects/-somewhere-else/44444444-4444-4444-4444-444444444444.jsonl"),
                    Path.of("/somewhere/else"));
            Fixtures.copy(Fixtures.CLAUDE, t.userHome.resolve(".claude/projects/" + TranscriptScanner.claudeDir(root.resolve("sub"))
                    + "/55555555-5555-5555-5555-555555555555.jsonl"), root.resolve("sub"));
            Fixtures.copy(Fixtures.CODEX, t.userHome.resolve(".codex/sessions/2026/11/20/rollout-2026-11-20T10-00-00-a.jsonl"), root);
            Fixtures.copy(Fixtures.CODEX, t.userHome.resolve(".codex/sessions/2026/11/20/rollout-2026-11-20T11-00-00-b.jsonl"),
                    Path.of("/not/a/workspace"));
            Fixtures.copy(Fixtures.AIDER, root.resolve(".aider.chat.history.md"), null);
            ConversationService conv = new ConversationService(omni);

            TranscriptScanner.Report first = conv.scan((p, m) -> { });

            assertThat(first.newConversations()).as("claude x2, codex, aider x2").isEqualTo(5);
            assertThat(first.newMessages()).isEqualTo(9 + 9 + 9 + 6 + 4);
            assertThat(conv.list(ConversationFilter.all(20))).hasSize(5).allMatch(c -> ws.id().equals(c.workspaceId()));

            TranscriptScanner.Report second = conv.scan((p, m) -> { });
            assertThat(second.files()).isEmpty();
            assertThat(second.unchanged()).isEqualTo(first.candidates());

            Fixtures.append(Fixtures.CLAUDE_GROWTH, session, root);
            TranscriptScanner.Report third = conv.scan((p, m) -> { });
            assertThat(third.newMessages()).isEqualTo(2);
            assertThat(third.files()).hasSize(1);

            Conversation removed = conv.remove("6f1c2a1e");
            Fixtures.append(Fixtures.CLAUDE_GROWTH, session, root); // changed again: read again, still removed
            TranscriptScanner.Report fourth = conv.scan((p, m) -> { });
            assertThat(fourth.newMessages()).isZero();
            assertThat(conv.get(removed.id()).deleted()).as("a scan does not bring back what was removed").isTrue();
            assertThat(conv.list(ConversationFilter.all(20))).hasSize(4);
            assertThat(List.of(first.rejected(), third.rejected())).containsOnly(0L);
        }
    }
}
