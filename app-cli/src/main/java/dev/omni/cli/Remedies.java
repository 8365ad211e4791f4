package dev.omni.cli;

import dev.omni.core.OmniException;

/**
 * What the command line tells a user to do about an error core reports: core says what happened
 * (and why, as an {@link OmniException.Reason}); this names the {@code omni} command that helps.
 * The desktop app words the same reasons its own way.
 */
public final class Remedies {
    private Remedies() {
    }

    /** The error's message with the remedy after it; {@code command} is the subcommand run ("clone", "workspace create"). */
    public static String message(OmniException e, String command) {
        return e.getMessage() + remedy(e, command);
    }

    /** The remedy for {@code e}, starting with its separator ("; run …", " (see …)"), or "" when there is none. */
    static String remedy(OmniException e, String command) {
        if (e.reason() == null) {
            return "";
        }
        return switch (e.reason()) {
            case NOT_IN_WORKSPACE -> "; run 'omni init' first";
            case WORKSPACE_FILE_DAMAGED -> "; run 'omni init' again";
            case WORKSPACE_COPY -> "; delete " + e.details().get("omni_dir") + " and run 'omni init --project "
                    + e.details().get("project") + "' to make it a workspace of its own";
            case UNKNOWN_PROJECT -> " (see 'omni projects')";
            case UNKNOWN_WORKSPACE -> e.details().containsKey("project") ? " (see 'omni workspace list')" : " (see 'omni workspaces')";
            case UNKNOWN_SNAPSHOT -> " (see 'omni log')";
            case NO_MAIN_WORKSPACE -> "; set one with 'omni workspace set-main'";
            case MAIN_WORKSPACE_GONE -> "; set another with 'omni workspace set-main'";
            case REMOVING_MAIN_WORKSPACE -> "; make another one main first ('omni workspace set-main NAME')";
            case WORKSPACE_NAME_TAKEN -> "clone".equals(command) ? "; choose another with --name" : "";
            case MERGE_IN_PROGRESS -> "; finish it with 'omni merge --continue' (which records the merge snapshot) or 'omni merge --abort'";
            case MERGED_WORKSPACE_GONE -> "; run 'omni merge --abort'";
            case CONFLICT_MARKERS_LEFT -> "; edit them, then run 'omni merge --continue' again";
            case DAMAGED_OBJECTS -> "; run 'omni fsck'";
            case UNKNOWN_MEMORY_ITEM -> " (see 'omni memory list')";
            case MEMORY_ITEM_REMOVED -> "; 'omni memory restore " + e.details().get("id") + "' first";
            case UNKNOWN_CONVERSATION -> " (see 'omni conv list')";
            case NO_SERVER -> "; use 'omni login --server URL' (or set it: omni config set server URL)";
            case NOT_LOGGED_IN -> "; run 'omni login --server URL'";
            case LOGIN_EXPIRED -> "; run 'omni login'";
            case CREDENTIALS_DAMAGED, LOGIN_CODE_EXPIRED -> "; run 'omni login' again";
            case NO_SNAPSHOT_YET -> "; run 'omni snapshot'";
            case HEAD_MOVED -> ". Run 'omni pull', then 'omni merge' (or 'omni pull --restore'), and push again";
            case NOT_ON_SERVER -> "; run 'omni push' first";
            case DAEMON_RUNNING -> " (see 'omni daemon status')";
        };
    }
}
