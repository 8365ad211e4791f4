package dev.omni.core.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as a transcript holds it. {@code (source, externalId)} names it in its tool, so
 * that importing it again (or after it grew) finds the conversation already stored.
 */
public record ParsedConversation(String source, String externalId, String title, String cwd, String model, Instant startedAt,
                                 List<ParsedMessage> messages) {
    public ParsedConversation {
        messages = List.copyOf(messages);
    }
}
