package dev.omni.core.conversation;

import dev.omni.core.Omni;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.outbox.OutboxEntry;
import dev.omni.core.redact.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds (and with {@code apply}, replaces) secrets in what the store already holds: every message's
 * text and blocks, every conversation's title, and the changes waiting in the outbox, so that
 * nothing unredacted is pushed afterwards. Works in batches, one transaction each; running it
 * again finds nothing new. Snapshots of files are never touched.
 */
final class SecretSweep {
    static final int BATCH = 500;

    private final Omni omni;

    SecretSweep(Omni omni) {
        this.omni = omni;
    }

    ConversationService.SweepReport run(boolean apply) {
        Redactor r = Redactor.standard();
        Redactor.Findings found = new Redactor.Findings();
        long scanned = 0;
        long messages = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Conversations.StoredText> page = omni.db().read(c -> Conversations.texts(c, from, BATCH));
            if (page.isEmpty()) {
                break;
            }
            List<Conversations.StoredText> changed = new ArrayList<>();
            for (Conversations.StoredText t : page) {
                Redactor.Findings inText = new Redactor.Findings();
                Redactor.Findings inBlocks = new Redactor.Findings();
                String content = r.redact(t.content(), inText);
                String blocks = r.redactJson(t.blocks(), inBlocks);
                found.addAll(t.blocks() != null ? inBlocks : inText);
                if (content != t.content() || blocks != t.blocks()) {
                    changed.add(new Conversations.StoredText(t.pk(), content, blocks));
                }
            }
            scanned += page.size();
            messages += changed.size();
            after = page.get(page.size() - 1).pk();
            if (apply && !changed.isEmpty()) {
                omni.db().write(c -> {
                    for (Conversations.StoredText t : changed) {
                        Conversations.rewriteText(c, t.pk(), t.content(), t.blocks());
                    }
                    return null;
                });
            }
        }
        // Titles and pending changes repeat the messages' text: their secrets are not counted again.
        long titles = titles(r, new Redactor.Findings(), apply);
        long outbox = outbox(r, new Redactor.Findings(), apply);
        return new ConversationService.SweepReport(scanned, messages, titles, outbox, found.byKind(), apply);
    }

    /** Titles with a secret; applied, each conversation's new state is queued for sync too. */
    private long titles(Redactor r, Redactor.Findings found, boolean apply) {
        List<Conversation> all = omni.db().read(Conversations::everyConversation);
        List<Conversation> changed = new ArrayList<>();
        for (Conversation v : all) {
            String t = r.redact(v.title(), found);
            if (t != v.title()) {
                changed.add(new Conversation(v.id(), v.source(), v.externalId(), v.projectId(), v.workspaceId(), t, v.cwd(), v.model(),
                        v.sourcePath(), v.messageCount(), v.inputTokens(), v.outputTokens(), v.startedAt(), v.lastMessageAt(),
                        v.createdAt(), v.updatedAt(), v.deletedAt(), v.deviceId()));
            }
        }
        if (apply && !changed.isEmpty()) {
            Instant now = omni.now();
            String device = omni.machineId();
            omni.db().write(c -> {
                for (Conversation v : changed) {
                    Conversation after = new Conversation(v.id(), v.source(), v.externalId(), v.projectId(), v.workspaceId(), v.title(),
                            v.cwd(), v.model(), v.sourcePath(), v.messageCount(), v.inputTokens(), v.outputTokens(), v.startedAt(),
                            v.lastMessageAt(), v.createdAt(), now.isAfter(v.updatedAt()) ? now : v.updatedAt().plusMillis(1),
                            v.deletedAt(), device);
                    Conversations.update(c, after);
                    Outbox.append(Outbox.CONVERSATION, after.id(), "update", ConversationCodec.toJson(after), now);
                }
                return null;
            });
        }
        return changed.size();
    }

    /** Pending conversation and message changes that carry text (older stores kept messages' text there). */
    private long outbox(Redactor r, Redactor.Findings found, boolean apply) {
        long n = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<OutboxEntry> page = new Outbox(omni).pendingWithData(List.of(Outbox.CONVERSATION, Outbox.MESSAGE), from, BATCH);
            if (page.isEmpty()) {
                return n;
            }
            List<OutboxEntry> changed = new ArrayList<>();
            for (OutboxEntry e : page) {
                String data = r.redactJson(e.data(), found);
                if (data != e.data()) {
                    changed.add(new OutboxEntry(e.seq(), e.type(), e.entityId(), e.op(), data, e.at(), e.pushedAt()));
                }
            }
            n += changed.size();
            after = page.get(page.size() - 1).seq();
            if (apply && !changed.isEmpty()) {
                omni.db().write(c -> {
                    for (OutboxEntry e : changed) {
                        new Outbox(omni).rewrite(e.seq(), e.data());
                    }
                    return null;
                });
            }
        }
    }
}
