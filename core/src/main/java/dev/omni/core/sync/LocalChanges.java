package dev.omni.core.sync;

import dev.omni.core.Omni;
import dev.omni.core.activity.ActivityEvent;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationCodec;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.outbox.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * This device's changes as they are pushed: the outbox in order, with the data of changes stored
 * as {@link Outbox#DATA_AT_PUSH} read from the entity's own table. A change whose entity is gone
 * (a message of a conversation removed since) is dropped from the outbox here.
 */
final class LocalChanges {
    private final Omni omni;

    LocalChanges(Omni omni) {
        this.omni = omni;
    }

    /** Up to {@code limit} changes not pushed yet, oldest first, each with its data; in one write transaction. */
    List<OutboxEntry> pending(int limit) {
        Outbox outbox = new Outbox(omni);
        ConversationService conversations = new ConversationService(omni);
        return omni.db().transaction(() -> {
            while (true) {
                List<OutboxEntry> stored = outbox.pending(limit);
                List<String> ids = new ArrayList<>();
                for (OutboxEntry e : stored) {
                    if (deferred(e)) {
                        ids.add(e.entityId());
                    }
                }
                if (ids.isEmpty()) {
                    return stored;
                }
                Map<String, Message> messages = conversations.messagesById(ids);
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
                outbox.discard(gone);
                if (!out.isEmpty()) {
                    return out;
                }
                // a whole page of vanished entries, all dropped now: look at the next page
            }
        });
    }

    /**
     * Queues the full current state of every memory item, conversation, message and activity event
     * again: for a server that never received the changes another server acknowledged (those left
     * the outbox then). Applying a change is idempotent, so what that server already has stays as
     * it is. Conversations go before their messages. Returns how many changes were queued.
     */
    int requeueAll(Instant now) {
        ConversationService conversations = new ConversationService(omni);
        return omni.db().transaction(() -> {
            int n = 0;
            for (MemoryItem m : new MemoryService(omni).all()) {
                Outbox.append(Outbox.MEMORY_ITEM, m.id(), m.deleted() ? "delete" : "update", MemoryCodec.toJson(m), m.updatedAt());
                n++;
            }
            for (Conversation cv : conversations.all()) {
                Outbox.append(Outbox.CONVERSATION, cv.id(), cv.deleted() ? "delete" : "update", ConversationCodec.toJson(cv),
                        cv.updatedAt());
                n++;
            }
            n += conversations.requeueMessages(now);
            List<ActivityEvent> events = new ArrayList<>(new ActivityService(omni).list(null, Integer.MAX_VALUE));
            Collections.reverse(events);
            for (ActivityEvent e : events) {
                Outbox.append(Outbox.ACTIVITY, e.id(), "create", e.toJson(), e.createdAt());
                n++;
            }
            return n;
        });
    }

    private static boolean deferred(OutboxEntry e) {
        return e.type().equals(Outbox.MESSAGE) && e.data().equals(Outbox.DATA_AT_PUSH);
    }
}
