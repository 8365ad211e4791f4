package dev.omni.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.activity.ActivityEvent;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.conversation.ConversationCodec;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;

/**
 * Applies one change of another device (PROTOCOL.md's change log) to this store, in the caller's
 * transaction and without writing to the outbox. Every kind is idempotent: memory items and
 * conversations by last-writer-wins on {@code (updated_at, device_id)}, messages and activity
 * events by their ids. A change this version of omni does not know (a newer client's type) is
 * skipped, not an error.
 */
final class RemoteChanges {
    private final MemoryService memory;
    private final ConversationService conversations;
    private final ActivityService activity;

    RemoteChanges(Omni omni) {
        this.memory = new MemoryService(omni);
        this.conversations = new ConversationService(omni);
        this.activity = new ActivityService(omni);
    }

    /** Applies {@code data} (the entity's full state after the change); a malformed one is an INVALID_INPUT error. */
    Applied apply(String type, String op, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw OmniException.invalid("the change's data is not a JSON object");
        }
        return switch (type) {
            case Outbox.MEMORY_ITEM -> memory.applyRemote(MemoryCodec.fromJson(data), op);
            case Outbox.CONVERSATION -> conversations.applyRemote(ConversationCodec.conversationFromJson(data));
            case Outbox.MESSAGE -> conversations.applyRemote(ConversationCodec.messageFromJson(data));
            case Outbox.ACTIVITY -> activity.recordRemote(ActivityEvent.fromJson(data));
            default -> Applied.SKIPPED;
        };
    }
}
