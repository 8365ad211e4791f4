package dev.omni.core.semantic;

import dev.omni.core.conversation.Blocks;
import dev.omni.core.conversation.ContentBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * What is embedded. A memory item whole: its text, its rationale and its tags, one vector. A
 * message of the user or the assistant in chunks of its text blocks: windows of {@link #WINDOW}
 * words that overlap by {@link #OVERLAP}, at most {@link #MAX_CHUNKS} per message (a pasted log
 * says little more after that). Tool calls, tool output, thinking and system messages are left
 * out: they are long, repetitive, and found by full-text search when someone asks for their words.
 */
public final class Chunker {
    /** Words per chunk: about 200 word pieces, well inside both models' windows. */
    static final int WINDOW = 150;
    static final int OVERLAP = 20;
    static final int MAX_CHUNKS = 16;

    private Chunker() {
    }

    /** The text a memory item is embedded as. */
    public static String memory(String content, String rationale, List<String> tags) {
        StringBuilder b = new StringBuilder(content);
        if (rationale != null && !rationale.isBlank()) {
            b.append("\nWhy: ").append(rationale);
        }
        if (tags != null && !tags.isEmpty()) {
            b.append("\nTags: ").append(String.join(", ", tags));
        }
        return b.toString();
    }

    /** Whether messages of this role are embedded. */
    public static boolean embeds(String role) {
        return role.equals("user") || role.equals("assistant");
    }

    /** The chunks of a message ({@code blocksJson} null: {@code content} is plain text); none for other roles. */
    public static List<String> message(String role, String content, String blocksJson) {
        if (!embeds(role)) {
            return List.of();
        }
        String text;
        if (blocksJson == null) {
            text = content;
        } else {
            StringBuilder b = new StringBuilder();
            for (ContentBlock block : Blocks.parse(blocksJson, content)) {
                if (block.isText() && block.text() != null && !block.text().isBlank()) {
                    if (b.length() > 0) {
                        b.append("\n\n");
                    }
                    b.append(block.text());
                }
            }
            text = b.toString();
        }
        return windows(text);
    }

    /** Overlapping windows of words; none when the text holds no letter or digit. */
    static List<String> windows(String text) {
        if (text == null || text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return List.of();
        }
        List<int[]> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new int[] {start, i});
            }
        }
        List<String> out = new ArrayList<>();
        for (int w = 0; w < words.size() && out.size() < MAX_CHUNKS; w += WINDOW - OVERLAP) {
            int last = Math.min(words.size(), w + WINDOW) - 1;
            out.add(text.substring(words.get(w)[0], words.get(last)[1]));
            if (last == words.size() - 1) {
                break;
            }
        }
        return out;
    }
}
