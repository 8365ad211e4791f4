package dev.omni.core.conversation;

import dev.omni.core.model.Ulid;
import dev.omni.core.outbox.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Stores a parsed conversation within the caller's transaction: new conversations are created,
 * known ones (same source and source id) get only the messages they lack, numbered after the last
 * one. Every new row goes to the outbox too, the conversation before its messages.
 */
final class ConversationWriter {
    private final Connection c;
    private final Ulid ids;
    private final String device;
    private final Instant now;

    ConversationWriter(Connection c, Ulid ids, String device, Instant now) {
        this.c = c;
        this.ids = ids;
        this.device = device;
        this.now = now;
    }

    /** Where a conversation goes. */
    record Placement(String projectId, String workspaceId) {
        static final Placement NONE = new Placement(null, null);
    }

    /** What storing one conversation did; {@code removed}: it was removed and stays so. */
    record Result(Conversation conversation, int added, boolean created, boolean removed) {
    }

    Result store(ParsedConversation pc, Placement place, String sourcePath, boolean revive) throws SQLException {
        Conversations.Row row = Conversations.findByExternal(c, pc.source(), pc.externalId()).orElse(null);
        if (row != null && row.conversation().deleted() && !revive) {
            return new Result(row.conversation(), 0, false, true);
        }
        Set<String> known = row == null ? Set.of() : Conversations.messageKeys(c, row.pk());
        long seq = row == null ? 0 : Conversations.maxSeq(c, row.pk());
        List<ParsedMessage> fresh = new ArrayList<>();
        for (ParsedMessage m : pc.messages()) {
            if (!known.contains(m.externalId())) {
                fresh.add(m);
            }
        }
        Conversation before = row == null ? null : row.conversation();
        Conversation after = merge(before, pc, fresh, place, sourcePath);
        long pk;
        if (row == null) {
            pk = Conversations.insert(c, after);
            Outbox.append(Outbox.CONVERSATION, after.id(), "create", ConversationCodec.toJson(after), now);
        } else {
            pk = row.pk();
            if (!sameState(before, after)) {
                Conversations.update(c, after);
                Outbox.append(Outbox.CONVERSATION, after.id(), before.deleted() ? "restore" : "update",
                        ConversationCodec.toJson(after), now);
            }
        }
        if (!fresh.isEmpty()) {
            long firstSeq = seq + 1;
            String at = Conversations.fmt(now);
            try (Conversations.MessageWriter w = new Conversations.MessageWriter(c); Outbox.Appender out = Outbox.appender()) {
                for (ParsedMessage p : fresh) {
                    Message m = new Message(ids.next(), after.id(), ++seq, p.externalId(), p.parentExternalId(), p.role(), p.content(),
                            p.blocks(), p.model(), p.inputTokens(), p.outputTokens(), p.usage(), p.createdAt(), p.responseId());
                    w.insert(pk, m);
                    out.append(Outbox.MESSAGE, m.id(), "create", Outbox.DATA_AT_PUSH, at);
                }
            }
            Conversations.index(c, pk, firstSeq);
        }
        return new Result(after, fresh.size(), row == null, false);
    }

    /** The conversation after adding {@code fresh}: totals grow, later metadata (a title, a model) fills gaps. */
    private Conversation merge(Conversation b, ParsedConversation pc, List<ParsedMessage> fresh, Placement place, String path) {
        long in = 0;
        long out = 0;
        Instant last = b == null || b.deleted() ? null : b.lastMessageAt();
        for (ParsedMessage m : fresh) {
            in += m.inputTokens() == null ? 0 : m.inputTokens();
            out += m.outputTokens() == null ? 0 : m.outputTokens();
            if (m.createdAt() != null && (last == null || m.createdAt().isAfter(last))) {
                last = m.createdAt();
            }
        }
        if (b == null) {
            return new Conversation(ids.next(), pc.source(), pc.externalId(), place.projectId(), place.workspaceId(), pc.title(),
                    pc.cwd(), pc.model(), path, fresh.size(), in, out, pc.startedAt(), last, now, now, null, device);
        }
        boolean revived = b.deleted();
        long count = (revived ? 0 : b.messageCount()) + fresh.size();
        boolean placed = b.workspaceId() == null && b.projectId() == null;
        return new Conversation(b.id(), b.source(), b.externalId(), placed ? place.projectId() : b.projectId(),
                placed ? place.workspaceId() : b.workspaceId(), pc.title() != null ? pc.title() : b.title(),
                b.cwd() != null ? b.cwd() : pc.cwd(), pc.model() != null ? pc.model() : b.model(), path != null && !fresh.isEmpty() ? path : b.sourcePath(),
                count, (revived ? 0 : b.inputTokens()) + in, (revived ? 0 : b.outputTokens()) + out,
                b.startedAt() != null ? b.startedAt() : pc.startedAt(), last, b.createdAt(), now, null, device);
    }

    /** Equal apart from the time of the last update and the device that made it. */
    private static boolean sameState(Conversation a, Conversation b) {
        return Objects.equals(a.projectId(), b.projectId()) && Objects.equals(a.workspaceId(), b.workspaceId())
                && Objects.equals(a.title(), b.title()) && Objects.equals(a.cwd(), b.cwd()) && Objects.equals(a.model(), b.model())
                && Objects.equals(a.sourcePath(), b.sourcePath()) && a.messageCount() == b.messageCount()
                && a.inputTokens() == b.inputTokens() && a.outputTokens() == b.outputTokens()
                && Objects.equals(a.startedAt(), b.startedAt()) && Objects.equals(a.lastMessageAt(), b.lastMessageAt())
                && Objects.equals(a.deletedAt(), b.deletedAt());
    }
}
