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
                // Agents put their environment and instructions into user messages in angle brackets.
                if (t.isEmpty() || t.startsWith("<")) {
                    continue;
                }
                return shorten(t);
            }
        }
        return null;
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
