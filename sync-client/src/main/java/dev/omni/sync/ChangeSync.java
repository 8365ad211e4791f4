package dev.omni.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Warnings;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.outbox.OutboxEntry;
import dev.omni.core.store.Database;
import dev.omni.core.sync.LocalChanges;
import dev.omni.core.sync.RemoteChanges;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import dev.omni.sync.client.ServerClient;
import dev.omni.wire.ChangePage;
import dev.omni.wire.ChangeView;
import dev.omni.wire.ChangesRequest;
import dev.omni.wire.RawJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exchange of memory, conversation, message and activity changes with the server
 * (PROTOCOL.md's per-device change log). Pushing sends the outbox in order and drops what the
 * server acknowledged; pulling reads the other devices' changes after this store's cursor and
 * applies each once ({@code inbox}), in one transaction per page together with the cursor, so an
 * interruption anywhere repeats nothing and loses nothing. A change whose data is larger than
 * {@link #INLINE_MAX} travels as an object (content-addressed, like file contents) and the change
 * names it: the server's JSON limit never stops a long transcript.
 */
public final class ChangeSync {
    /** Changes per POST (the server takes up to 1,000). */
    static final int PUSH_CHANGES = 500;
    /** Bytes of change data per POST, well under the server's 4 MiB JSON limit. */
    static final long PUSH_BYTES = 2L << 20;
    /** Data larger than this is uploaded as an object and referred to. */
    static final int INLINE_MAX = 512 * 1024;
    static final int PULL_PAGE = 500;
    static final String CURSOR = "changes";
    static final String OBJECT_REF = "$object";
    /** Per server, the outbox seq up to which it acknowledged this device's changes. */
    static final String ACKED = "outbox_acked";

    private final Omni omni;
    private final ServerClient client;
    private final String server;
    private final Warnings warnings;

    public ChangeSync(Omni omni, ServerClient client, Warnings warnings) {
        this.omni = omni;
        this.client = client;
        this.server = client.server().toString();
        this.warnings = warnings;
    }

    /** What an exchange did: changes sent, and of the others' changes how each was applied. */
    public record Result(long pushed, long received, Map<Applied, Long> outcomes, long rejected, long millis) {
        public long applied() {
            return outcomes.getOrDefault(Applied.APPLIED, 0L);
        }
    }

    /** Pushes this device's changes, then applies the other devices'. */
    public Result exchange() {
        long start = System.nanoTime();
        long pushed = push();
        Map<Applied, Long> outcomes = new EnumMap<>(Applied.class);
        long[] counts = pull(outcomes);
        return new Result(pushed, counts[0], outcomes, counts[1], (System.nanoTime() - start) / 1_000_000);
    }

    /** Sends the outbox, oldest first; returns how many changes went. */
    public long push() {
        String device = omni.machineId();
        catchUp();
        long sent = 0;
        while (true) {
            List<OutboxEntry> entries = omni.db().write(c -> LocalChanges.pending(c, PUSH_CHANGES));
            if (entries.isEmpty()) {
                return sent;
            }
            List<OutboxEntry> batch = new ArrayList<>();
            long bytes = 0;
            for (OutboxEntry e : entries) {
                long size = Math.min(e.data().length(), INLINE_MAX);
                if (!batch.isEmpty() && bytes + size > PUSH_BYTES) {
                    break;
                }
                batch.add(e);
                bytes += size;
            }
            long last = batch.get(batch.size() - 1).seq();
            long max = client.postChanges(body(device, batch));
            if (max < last) {
                throw new OmniException(OmniException.Kind.NETWORK, "the server acknowledged changes up to " + max
                        + " of this device, not " + last + "; they stay queued and go again next time");
            }
            omni.db().write(c -> {
                RemoteState.setCursor(c, server, ACKED, Long.toString(last));
                return Outbox.acknowledge(c, last);
            });
            sent += batch.size();
        }
    }

    /**
     * Acknowledged changes leave the outbox. When another server acknowledged changes this one
     * never got (the user logged in somewhere else in between), the full state of everything is
     * queued again for it, in the same transaction as the mark that says so.
     */
    private void catchUp() {
        if (omni.db().read(this::behind) < 0) {
            return; // the usual case, checked without taking the write lock
        }
        int queued = omni.db().write(c -> {
            long elsewhere = behind(c);
            if (elsewhere < 0) {
                return 0;
            }
            int n = LocalChanges.requeueAll(c, omni.now());
            RemoteState.setCursor(c, server, ACKED, Long.toString(elsewhere));
            return n;
        });
        if (queued > 0) {
            warnings.warn(null, server + " has not received changes another server acknowledged; " + queued
                    + " memory items, conversations, messages and events are queued for it again");
        }
    }

    /** The highest seq another server acknowledged beyond this one's, or -1 when this one has all. */
    private long behind(Connection c) throws SQLException {
        String mine = RemoteState.cursor(c, server, ACKED);
        long acked = mine == null ? -1 : Long.parseLong(mine);
        long elsewhere = Database.queryLong(c, "SELECT coalesce(max(CAST(cursor AS INTEGER)), -1) FROM sync_cursors"
                + " WHERE name = ?", -1, ACKED);
        return elsewhere > acked ? elsewhere : -1;
    }

    /** The outbox entries as the request body; their data travels as the text the outbox holds. */
    private ChangesRequest body(String device, List<OutboxEntry> batch) {
        List<ChangesRequest.Change> changes = new ArrayList<>(batch.size());
        for (OutboxEntry e : batch) {
            String data = e.data().length() > INLINE_MAX ? reference(e.data()) : e.data();
            changes.add(new ChangesRequest.Change(e.seq(), e.type(), e.entityId(), e.op(), RawJson.of(data), Times.format(e.at())));
        }
        return new ChangesRequest(device, changes);
    }

    /** Uploads large change data as an object (a no-op when the server has it) and returns the reference. */
    private String reference(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        ObjectId id = Hashing.sha256(bytes);
        if (!client.missing(List.of(id)).isEmpty()) {
            client.putObject(id, bytes.length, () -> new ByteArrayInputStream(bytes));
        }
        return Json.write(Map.of(OBJECT_REF, id.hex(), "bytes", bytes.length));
    }

    /** Applies the other devices' changes after the cursor; returns {received, rejected}. */
    long[] pull(Map<Applied, Long> outcomes) {
        String device = omni.machineId();
        long received = 0;
        long[] rejected = {0};
        String cursor = omni.db().read(c -> RemoteState.cursor(c, server, CURSOR));
        while (true) {
            ChangePage page = client.changes(cursor, PULL_PAGE, device);
            Map<String, JsonNode> resolved = resolveReferences(page.changes());
            String next = page.nextCursor();
            omni.db().write(c -> {
                for (ChangeView ch : page.changes()) {
                    apply(c, ch, resolved, outcomes, rejected);
                }
                if (next != null) {
                    RemoteState.setCursor(c, server, CURSOR, next);
                }
                return null;
            });
            received += page.changes().size();
            if (!page.hasMore() || next == null || page.changes().isEmpty()) {
                return new long[] {received, rejected[0]};
            }
            cursor = next;
        }
    }

    private void apply(Connection c, ChangeView ch, Map<String, JsonNode> resolved, Map<Applied, Long> outcomes,
                       long[] rejected) throws SQLException {
        String from = text(ch.deviceId());
        long seq = ch.seq();
        if (Database.queryLong(c, "SELECT count(*) FROM inbox WHERE device_id = ? AND seq = ?", 0, from, seq) > 0) {
            outcomes.merge(Applied.UNCHANGED, 1L, Long::sum);
            return;
        }
        String type = text(ch.type());
        JsonNode data = data(ch);
        if (data.has(OBJECT_REF)) {
            data = resolved.get(data.path(OBJECT_REF).asText());
        }
        try {
            // A savepoint, so that a change that fails half-way leaves nothing of itself behind.
            Database.update(c, "SAVEPOINT change");
            Applied a = RemoteChanges.apply(c, type, text(ch.op()), data);
            Database.update(c, "RELEASE change");
            outcomes.merge(a, 1L, Long::sum);
        } catch (OmniException | IllegalArgumentException e) {
            Database.update(c, "ROLLBACK TO change");
            Database.update(c, "RELEASE change");
            rejected[0]++;
            warnings.warn(null, "a " + type + " change from device " + from + " (seq " + seq + ") cannot be applied and was"
                    + " skipped: " + e.getMessage());
        }
        Database.update(c, "INSERT INTO inbox(device_id, seq, type, entity_id, op, at, applied_at) VALUES (?,?,?,?,?,?,?)", from,
                seq, type, text(ch.entityId()), text(ch.op()), text(ch.at()), Times.format(omni.now()));
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** A change's data as a tree; a change without any is a missing node, as an absent field reads. */
    private static JsonNode data(ChangeView ch) {
        return ch.data() == null ? MissingNode.getInstance() : ch.data().tree();
    }

    /** Downloads (and checks) the data of changes that travelled as objects, before the page's transaction. */
    private Map<String, JsonNode> resolveReferences(List<ChangeView> changes) {
        Map<String, JsonNode> out = new HashMap<>();
        for (ChangeView ch : changes) {
            JsonNode ref = data(ch).path(OBJECT_REF);
            if (!ref.isTextual() || out.containsKey(ref.asText())) {
                continue;
            }
            ObjectId id = ObjectId.parse(ref.asText());
            byte[] bytes;
            try (InputStream in = client.getObject(id)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new OmniException(OmniException.Kind.NETWORK, "cannot download change data " + id.abbrev() + ": "
                        + e.getMessage(), e);
            }
            if (!Hashing.sha256(bytes).equals(id)) {
                throw new OmniException(OmniException.Kind.CORRUPT, "the server sent change data that does not match its id "
                        + id.abbrev());
            }
            try {
                out.put(id.hex(), Json.mapper().readTree(bytes));
            } catch (IOException e) {
                throw new OmniException(OmniException.Kind.CORRUPT, "change data " + id.abbrev() + " is not JSON", e);
            }
        }
        return out;
    }
}
