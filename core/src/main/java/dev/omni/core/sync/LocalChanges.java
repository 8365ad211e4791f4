package dev.omni.core.sync;

import dev.omni.core.activity.Activity;
import dev.omni.core.activity.ActivityEvent;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationCodec;
import dev.omni.core.conversation.Conversations;
import dev.omni.core.conversation.Message;
import dev.omni.core.memory.Memories;
import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.outbox.OutboxEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * This device's changes as they are pushed: the outbox in order, with the data of changes stored
 * as {@link Outbox#DATA_AT_PUSH} read from the entity's own table. A change whose entity is gone
 * (a message of a conversation removed since) is dropped from the outbox here; run it in a write
 * transaction.
 */
public final class LocalChanges {
    private LocalChanges() {
    }

    /** Up to {@code limit} changes not pushed yet, oldest first, each with its data. */
    public static List<OutboxEntry> pending(Connection c, int limit) throws SQLException {
        while (true) {
            List<OutboxEntry> stored = Outbox.pending(c, limit);
            List<String> ids = new ArrayList<>();
            for (OutboxEntry e : stored) {
                if (deferred(e)) {
                    ids.add(e.entityId());
                }
            }
            if (ids.isEmpty()) {
                return stored;
            }
            Map<String, Message> messages = Conversations.messagesById(c, ids);
            List<OutboxEntry> out = new ArrayList<>(stored.size());
            List<Long> gone = new ArrayList<>();
            for (OutboxEntry e : stored) {
                if (!deferred(e)) {
                    out.add(e);
                } else if (messages.containsKey(e.entityId())) {
                    out.add(new OutboxEntry(e.seq(), e.type(), e.entityId(), e.op(),
                            ConversationCodec.toJson(messages.get(e.entityId())), e.at(), e.pushedAt()));
                } else {
                    gone.add(e.seq());
                }
            }
            Outbox.discard(c, gone);
            if (!out.isEmpty()) {
                return out;
            }
            // a whole page of vanished entries, all dropped now: look at the next page
        }
    }

    /**
     * Queues the full current state of every memory item, conversation, message and activity event
     * again: for a server that never received the changes another server acknowledged (those left
     * the outbox then). Applying a change is idempotent, so what that server already has stays as
     * it is. Conversations go before their messages. Returns how many changes were queued.
     */
    public static int requeueAll(Connection c, Instant now) throws SQLException {
        int n = 0;
        for (MemoryItem m : Memories.all(c)) {
            Outbox.append(c, Outbox.MEMORY_ITEM, m.id(), m.deleted() ? "delete" : "update", MemoryCodec.toJson(m), m.updatedAt());
            n++;
        }
        for (Conversation cv : Conversations.all(c)) {
            Outbox.append(c, Outbox.CONVERSATION, cv.id(), cv.deleted() ? "delete" : "update", ConversationCodec.toJson(cv),
                    cv.updatedAt());
            n++;
        }
        n += Conversations.requeueMessages(c, now);
        List<ActivityEvent> events = new ArrayList<>(Activity.list(c, null, Integer.MAX_VALUE));
        Collections.reverse(events);
        for (ActivityEvent e : events) {
            Outbox.append(c, Outbox.ACTIVITY, e.id(), "create", Activity.toJson(e), e.createdAt());
            n++;
        }
        return n;
    }

    private static boolean deferred(OutboxEntry e) {
        return e.type().equals(Outbox.MESSAGE) && e.data().equals(Outbox.DATA_AT_PUSH);
    }
}
