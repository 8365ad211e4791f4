package dev.omni.core.conversation;

import java.util.List;

/** A title for a conversation whose transcript has none: the first line of the first real user message. */
final class Titles {
    static final int MAX = 80;

    private Titles() {
    }

    static String fromMessages(List<ParsedMessage> messages) {
        for (ParsedMessage m : messages) {
            if (m.role() == Role.USER && m.content() != null) {
                String t = m.content().strip();
                if (t.isEmpty() || injected(t)) {
                    continue;
                }
                return shorten(t);
            }
        }
        return null;
    }

    /**
     * Text an agent put into a user message that the user did not type: its environment and
     * instructions in angle brackets ({@code <environment_context>}, {@code <command-name>}), Codex's
     * {@code # AGENTS.md instructions for …}, Claude Code's caveat before local-command output, and
     * the summary that continues a compacted session.
     */
    static boolean injected(String t) {
        return t.startsWith("<") || t.startsWith("# AGENTS.md instructions") || t.startsWith("Caveat: The messages below were generated")
                || t.startsWith("This session is being continued from a previous conversation");
    }

    static String shorten(String text) {
        String first = text.strip();
        int nl = first.indexOf('\n');
        if (nl >= 0) {
            first = first.substring(0, nl).strip();
        }
        return first.length() > MAX ? first.substring(0, MAX - 1) + "…" : first;
    }
}
