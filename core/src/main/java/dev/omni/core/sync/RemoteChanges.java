package dev.omni.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.core.activity.Activity;
import dev.omni.core.conversation.ConversationCodec;
import dev.omni.core.conversation.Conversations;
import dev.omni.core.memory.Memories;
import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Applies one change of another device (PROTOCOL.md's change log) to this store, in the caller's
 * transaction and without writing to the outbox. Every kind is idempotent: memory items and
 * conversations by last-writer-wins on {@code (updated_at, device_id)}, messages and activity
 * events by their ids. A change this version of omni does not know (a newer client's type) is
 * skipped, not an error.
 */
public final class RemoteChanges {
    private RemoteChanges() {
    }

    /** Applies {@code data} (the entity's full state after the change); a malformed one is an INVALID_INPUT error. */
    public static Applied apply(Connection c, String type, String op, JsonNode data) throws SQLException {
        if (data == null || !data.isObject()) {
            throw OmniException.invalid("the change's data is not a JSON object");
        }
        return switch (type) {
            case Outbox.MEMORY_ITEM -> Memories.applyRemote(c, MemoryCodec.fromJson(data), op);
            case Outbox.CONVERSATION -> Conversations.applyRemote(c, ConversationCodec.conversationFromJson(data));
            case Outbox.MESSAGE -> Conversations.applyRemote(c, ConversationCodec.messageFromJson(data));
            case Outbox.ACTIVITY -> Activity.recordRemote(c, Activity.fromJson(data));
            default -> Applied.SKIPPED;
        };
    }
}
