package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.OmniException.Kind;
import dev.omni.core.OmniException.Reason;
import dev.omni.core.OmniException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The command line words what to do about core's typed errors: the omni command that helps. */
class RemediesTest {
    private static String say(Reason r, Map<String, String> details, String command) {
        return Remedies.message(new OmniException(Kind.FAILURE, r, "what happened", details), command);
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonKeepsCoresMessageFirst(Reason r) {
        assertThat(say(r, Map.of("id", "01M8", "omni_dir", "/w/.omni", "project", "01P"), "status")).startsWith("what happened");
    }

    @Test
    void remediesNameTheCommandThatHelps() {
        assertThat(say(Reason.MERGE_IN_PROGRESS, Map.of(), "snapshot")).isEqualTo("what happened; finish it with 'omni merge"
                + " --continue' (which records the merge snapshot) or 'omni merge --abort'");
        assertThat(say(Reason.NOT_IN_WORKSPACE, Map.of(), "status")).isEqualTo("what happened; run 'omni init' first");
        assertThat(say(Reason.MEMORY_ITEM_REMOVED, Map.of("id", "01M8"), "memory edit"))
                .isEqualTo("what happened; 'omni memory restore 01M8' first");
        assertThat(say(Reason.WORKSPACE_COPY, Map.of("omni_dir", "/w/copy/.omni", "project", "01P"), "status"))
                .isEqualTo("what happened; delete /w/copy/.omni and run 'omni init --project 01P' to make it a workspace of its own");
        assertThat(say(Reason.HEAD_MOVED, Map.of(), "push"))
                .isEqualTo("what happened. Run 'omni pull', then 'omni merge' (or 'omni pull --restore'), and push again");
        assertThat(say(Reason.UNKNOWN_WORKSPACE, Map.of("project", "01P"), "drift")).endsWith("(see 'omni workspace list')");
        assertThat(say(Reason.UNKNOWN_WORKSPACE, Map.of(), "conv list")).endsWith("(see 'omni workspaces')");
    }

    @Test
    void aRemedyCanDependOnTheCommandThatRan() {
        assertThat(say(Reason.WORKSPACE_NAME_TAKEN, Map.of(), "clone")).endsWith("; choose another with --name");
        assertThat(say(Reason.WORKSPACE_NAME_TAKEN, Map.of(), "workspace rename")).isEqualTo("what happened");
    }

    @Test
    void anErrorWithoutAReasonIsShownAsCoreSaidIt() {
        assertThat(Remedies.message(OmniException.invalid("a bad path"), "restore")).isEqualTo("a bad path");
    }
}
