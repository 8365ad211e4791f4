package dev.omni.desktop.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.OmniException.Kind;
import dev.omni.core.OmniException.Reason;
import dev.omni.core.OmniException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The desktop app words what to do about core's typed errors in its own terms: screens and buttons, not commands. */
class ErrorsTest {
    private static String say(Reason r) {
        return Errors.describe(new OmniException(Kind.FAILURE, r, "what happened", Map.of("id", "01M8", "omni_dir", "/w/.omni",
                "project", "01P")));
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void noRemedyTellsTheUserToRunACommandTheAppHasAScreenFor(Reason r) {
        String s = say(r);
        assertThat(s).startsWith("what happened");
        if (r != Reason.DAMAGED_OBJECTS) {
            assertThat(s).doesNotContain("'omni ");
        }
    }

    @Test
    void remediesNameTheScreen() {
        assertThat(say(Reason.MERGE_IN_PROGRESS)).isEqualTo("what happened; continue or abort it on the Drift & merge screen");
        assertThat(say(Reason.LOGIN_EXPIRED)).isEqualTo("what happened; log in again under Account & settings");
        assertThat(say(Reason.DAMAGED_OBJECTS)).isEqualTo("what happened; check the store with 'omni fsck' in a terminal");
    }
}
