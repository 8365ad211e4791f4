package dev.omni.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Warnings;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.OutboxEntry;
import dev.omni.core.sync.ChangeLog;
import dev.omni.core.sync.RemoteChange;
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
    static final String OBJECT_REF = "$object";

    private final Omni omni;
    private final ServerClient client;
    private final String server;
    private final ChangeLog log;
    private final Warnings warnings;

    public ChangeSync(Omni omni, ServerClient client, Warnings warnings) {
        this.omni = omni;
        this.client = client;
        this.server = client.server().toString();
        this.log = new ChangeLog(omni, server);
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
            List<OutboxEntry> entries = log.pending(PUSH_CHANGES);
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
            log.acknowledged(last);
            sent += batch.size();
        }
    }

    /**
     * When another server acknowledged changes this one never got (the user logged in somewhere
     * else in between), everything is queued again for it; says so.
     */
    private void catchUp() {
        int queued = log.catchUp();
        if (queued > 0) {
            warnings.warn(null, server + " has not received changes another server acknowledged; " + queued
                    + " memory items, conversations, messages and events are queued for it again");
        }
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
        long rejected = 0;
        String cursor = log.cursor();
        while (true) {
            ChangePage page = client.changes(cursor, PULL_PAGE, device);
            Map<String, JsonNode> resolved = resolveReferences(page.changes());
            List<RemoteChange> changes = new ArrayList<>(page.changes().size());
            for (ChangeView ch : page.changes()) {
                JsonNode data = data(ch);
                if (data.has(OBJECT_REF)) {
                    data = resolved.get(data.path(OBJECT_REF).asText());
                }
                changes.add(new RemoteChange(text(ch.deviceId()), ch.seq(), text(ch.type()), text(ch.entityId()), text(ch.op()), data,
                        text(ch.at())));
            }
            String next = page.nextCursor();
            ChangeLog.Outcome o = log.apply(changes, next, warnings);
            o.outcomes().forEach((a, n) -> outcomes.merge(a, n, Long::sum));
            rejected += o.rejected();
            received += page.changes().size();
            if (!page.hasMore() || next == null || page.changes().isEmpty()) {
                return new long[] {received, rejected};
            }
            cursor = next;
        }
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
