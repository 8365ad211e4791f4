package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.agent.AgentTurns;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.desktop.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent turns in the desktop app, on a real demo store: a turn recorded the way the hooks record it
 * (checkpoints before and after, a file changed and one added in between, the transcript linked)
 * shows under the message that started it with a Rewind button, and in the History timeline.
 */
class AgentTurnsViewModelTest {
    @TempDir
    Path dir;
    TestApp t;
    Path root;
    String before;

    @BeforeEach
    void setUp() throws Exception {
        t = TestApp.sync(dir);
        root = t.seeded.main().localPath();
        ConversationService svc = new ConversationService(t.omni);
        Conversation c = svc.list(ConversationFilter.all(10).withProject(t.seeded.projectId())).get(0);
        Message first = svc.userMessages(c.id()).get(0);
        AgentTurns turns = new AgentTurns(t.omni);
        List<String> warnings = new ArrayList<>();
        turns.begin("claude", c.externalId(), root, first.content(), null, (p, m) -> warnings.add(m));
        before = Files.readString(root.resolve("src/cart.py"));
        Files.writeString(root.resolve("src/cart.py"), before + "# rounded to cents\n");
        Files.writeString(root.resolve("NOTES.md"), "notes\n");
        turns.end("claude", c.externalId(), root, null, (p, m) -> warnings.add(m));
        assertThat(turns.link("claude", c.externalId()).turns()).isEqualTo(1);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void theConversationShowsTheTurnsFilesAndRewindAsksThenPutsThemBack() {
        ConversationsViewModel vm = new ConversationsViewModel(t.app, ZoneOffset.UTC);
        vm.setProject(t.seeded.projectId());
        vm.openFirst();
        TranscriptMessage started = vm.transcript().stream().filter(m -> m.turn() != null).findFirst().orElseThrow();
        assertThat(started.seq()).isEqualTo(vm.transcript().stream().filter(m -> m.role() == dev.omni.core.conversation.Role.USER)
                .findFirst().orElseThrow().seq());
        assertThat(started.turn().heading()).isEqualTo("Turn 1 · 2 files changed · +2 −0");
        assertThat(started.turn().files()).containsExactly("A NOTES.md  +1 −0", "M src/cart.py  +1 −0");

        vm.rewind(started.turn());
        Confirmation c = t.app.dialogs().pendingProperty().get();
        assertThat(c.title()).isEqualTo("Rewind to before turn 1?");
        assertThat(c.text()).contains("safety snapshot");
        assertThat(root.resolve("NOTES.md")).exists();
        t.app.dialogs().accept();

        assertThat(root.resolve("NOTES.md")).doesNotExist();
        assertThat(root.resolve("src/cart.py")).hasContent(before);
        assertThat(t.notice()).startsWith("Rewound 'main' to before turn 1: 1 written, 1 deleted; safety snapshot ");
    }

    @Test
    void theHistoryTimelineMarksTheAgentsCheckpoints() {
        HistoryViewModel vm = new HistoryViewModel(t.app);
        vm.load(t.seeded.main());
        SnapshotRow after = vm.snapshots().get(0);
        assertThat(after.source()).isEqualTo("agent");
        assertThat(after.checkpoint()).matches("claude · [0-9a-f-]{8} · turn 1 after");
        assertThat(vm.snapshots().stream().filter(r -> r.checkpoint() != null && r.checkpoint().endsWith("turn 1 before"))).hasSize(1);
        assertThat(vm.snapshots().stream().filter(r -> r.checkpoint() == null)).isNotEmpty();
    }
}
