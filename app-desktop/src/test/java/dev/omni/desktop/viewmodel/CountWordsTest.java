package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.model.Hashing;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counts in the cards and the timeline read as English: "1 file", "2 files". */
class CountWordsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static Snapshot snapshot(long files) {
        return new Snapshot(new SnapshotId("snap-01JD0000000000000000000001"), "P", "W", Hashing.sha256("t".getBytes(StandardCharsets.UTF_8)),
                List.of(), "cli", "m", "ann", NOW.minusSeconds(120), files, 2048, null, null);
    }

    @ParameterizedTest
    @CsvSource({"0, '0 files,'", "1, '1 file,'", "2, '2 files,'"})
    void theWorkspaceCardCountsFilesInEnglish(long files, String says) {
        Snapshot s = snapshot(files);
        Workspace w = new Workspace("W", "P", "main", "other-machine", Path.of("/nowhere"), s.id(), s.id(), NOW, NOW, 1, "{}");
        assertThat(new WorkspaceRow(w, true, "this-machine", "laptop", s, NOW).snapshot()).contains(" · " + says + " ");
    }

    @ParameterizedTest
    @CsvSource({"1, '1 file ·'", "3, '3 files ·'"})
    void theTimelineCountsFilesInEnglish(long files, String says) {
        assertThat(SnapshotRow.of(snapshot(files), NOW).size()).startsWith(says);
    }
}
