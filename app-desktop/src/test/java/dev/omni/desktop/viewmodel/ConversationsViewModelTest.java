package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.conversation.Role;
import dev.omni.desktop.TestApp;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationsViewModelTest {
    @TempDir
    Path dir;
    TestApp t;
    ConversationsViewModel vm;

    @BeforeEach
    void setUp() {
        t = TestApp.sync(dir);
        vm = new ConversationsViewModel(t.app, ZoneOffset.UTC);
        vm.setProject(t.seeded.projectId());
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void theTranscriptHasRolesCodeBlocksAndCollapsibleToolCalls() {
        assertThat(vm.conversations()).hasSize(1);
        assertThat(vm.conversations().get(0).meta()).startsWith("claude · 9 messages");

        vm.openFirst();

        assertThat(vm.titleProperty().get()).contains("claude");
        assertThat(vm.transcript()).extracting(TranscriptMessage::role).contains(Role.USER, Role.ASSISTANT);
        TranscriptMessage answer = vm.transcript().stream().filter(m -> m.parts().stream()
                .anyMatch(p -> p.kind() == TranscriptMessage.Kind.CODE)).findFirst().orElseThrow();
        TranscriptMessage.Part code = answer.parts().stream().filter(p -> p.kind() == TranscriptMessage.Kind.CODE).findFirst().orElseThrow();
        assertThat(code.language()).isEqualTo("python");
        assertThat(code.text()).startsWith("def total(self):").contains("round(");
        assertThat(answer.parts().get(0).kind()).isEqualTo(TranscriptMessage.Kind.TEXT);
        assertThat(vm.transcript()).flatExtracting(TranscriptMessage::parts)
                .filteredOn(p -> p.kind() == TranscriptMessage.Kind.TOOL_CALL)
                .allSatisfy(p -> assertThat(p.collapsed()).isTrue())
                .extracting(TranscriptMessage.Part::title).containsExactly("Tool call: Read", "Tool call: Bash");
    }

    @Test
    void searchFindsMessagesWithHighlightsAndPointsAtTheMessage() {
        vm.queryProperty().set("rounding");

        assertThat(vm.conversations()).hasSize(1);
        ConversationsViewModel.Entry e = vm.conversations().get(0);
        assertThat(e.snippet()).anySatisfy(h -> assertThat(h.hit()).isTrue());
        assertThat(e.meta()).contains("matching message");
        vm.selectedProperty().set(e);
        assertThat(vm.focusProperty().get()).isEqualTo(e.seq());
        assertThat(vm.transcript()).isNotEmpty();

        vm.queryProperty().set("zebra");
        assertThat(vm.conversations()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("No message matches 'zebra'.");
    }

    @Test
    void theModeChoiceFindsAMessageByMeaning() {
        t.app.semantic().index(false, dev.omni.core.Progress.NONE, () -> false);
        vm.modeProperty().set(dev.omni.core.search.SearchMode.SEMANTIC);
        vm.queryProperty().set("how are fractions of a cent handled when adding up an order?");

        assertThat(vm.conversations()).hasSize(1);
        assertThat(vm.conversations().get(0).seq()).isPositive();
        assertThat(vm.summaryProperty().get()).contains("by meaning");
    }

    @Test
    void fencedCodeIsSplitFromProse() {
        var parts = TranscriptMessage.split("Before\n```js\nlet x = 1;\n```\nAfter");
        assertThat(parts).extracting(TranscriptMessage.Part::kind).containsExactly(TranscriptMessage.Kind.TEXT,
                TranscriptMessage.Kind.CODE, TranscriptMessage.Kind.TEXT);
        assertThat(parts.get(1).text()).isEqualTo("let x = 1;");
        assertThat(parts.get(1).language()).isEqualTo("js");
    }
}
