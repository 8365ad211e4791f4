package dev.omni.core.outbox;

import dev.omni.core.Omni;
import dev.omni.core.store.Database;
import java.time.Instant;
import java.util.List;

/**
 * The outbox of local changes that sync will push (PROTOCOL.md, {@code POST /changes}). Every use
 * case that changes a memory item, a conversation, a message or the activity log appends here
 * within its own transaction, so a change and its outbox entry are committed together or not at
 * all: {@link #append} and {@link #appender} write into the calling thread's write transaction and
 * refuse to run outside one. Sync reads and acknowledges entries through an instance.
 */
public final class Outbox {
    /** Entity types as they travel. */
    public static final String MEMORY_ITEM = "memory_item";
    public static final String CONVERSATION = "conversation";
    public static final String MESSAGE = "message";
    public static final String ACTIVITY = "activity";
    /**
     * The {@code data} of a change whose entity is immutable (a message): the state is read from
     * the entity's own table when the change is pushed instead of being kept here a second time. A
     * million imported messages would otherwise double the store until the first sync.
     */
    public static final String DATA_AT_PUSH = "";

    private final Database db;

    public Outbox(Omni omni) {
        this.db = omni.db();
    }

    /**
     * Appends one change in the calling thread's write transaction; {@code data} is the entity's full
     * state after it, as JSON, or {@link #DATA_AT_PUSH}.
     */
    public static void append(String type, String entityId, String op, String data, Instant at) {
        Database.current().write(c -> {
            OutboxRows.append(c, type, entityId, op, data, at);
            return null;
        });
    }

    /**
     * An appender for bulk work (an import of thousands of messages) in the calling thread's write
     * transaction; rows are written at the latest by {@link Appender#close()}.
     */
    public static Appender appender() {
        Database db = Database.current();
        return db.write(c -> new Appender(new OutboxRows.Bulk(OutboxRows.bulk(c))));
    }

    /** Appends through one prepared statement; close it before the transaction ends. */
    public static final class Appender implements AutoCloseable {
        private final OutboxRows.Bulk bulk;

        private Appender(OutboxRows.Bulk bulk) {
            this.bulk = bulk;
        }

        public void append(String type, String entityId, String op, String data, String at) {
            bulk.append(type, entityId, op, data, at);
        }

        @Override
        public void close() {
            bulk.close();
        }
    }

    /** Up to {@code limit} changes not pushed yet, oldest first, as stored (messages' data left {@link #DATA_AT_PUSH}). */
    public List<OutboxEntry> pending(int limit) {
        return db.read(c -> OutboxRows.pending(c, limit));
    }

    /** All changes after {@code afterSeq}, pushed or not, oldest first, as stored. */
    public List<OutboxEntry> since(long afterSeq, int limit) {
        return db.read(c -> OutboxRows.since(c, afterSeq, limit));
    }

    /** How many changes wait to be pushed. */
    public long unpushed() {
        return db.read(OutboxRows::unpushed);
    }

    /**
     * Drops every change up to and including {@code upToSeq}: the server holds them durably (it
     * acknowledged them). Seqs are never reused, so the next change still gets a higher one.
     */
    public int acknowledge(long upToSeq) {
        return db.write(c -> OutboxRows.acknowledge(c, upToSeq));
    }

    /** Pending changes of these types after {@code afterSeq} that carry their data, oldest first. */
    public List<OutboxEntry> pendingWithData(List<String> types, long afterSeq, int limit) {
        return db.read(c -> OutboxRows.pendingWithData(c, types, afterSeq, limit));
    }

    /** Replaces the data of a pending change (secrets redacted before it goes out); joins the caller's transaction. */
    public void rewrite(long seq, String data) {
        db.write(c -> {
            OutboxRows.rewrite(c, seq, data);
            return null;
        });
    }

    /** Drops changes that will never be pushed (their entity is gone before it went out). */
    public int discard(List<Long> seqs) {
        return db.write(c -> OutboxRows.discard(c, seqs));
    }
}
