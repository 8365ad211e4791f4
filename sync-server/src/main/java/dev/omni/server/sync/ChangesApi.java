package dev.omni.server.sync;

import dev.omni.server.ErrorCode;
import dev.omni.server.Ids;
import dev.omni.server.ServerException;
import dev.omni.server.ServerOptions;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.Json;
import dev.omni.server.http.Router;
import dev.omni.server.store.Change;
import dev.omni.server.store.ChangeRepository;
import dev.omni.wire.ChangePage;
import dev.omni.wire.ChangesAck;
import dev.omni.wire.ChangesRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The per-device change log of memory, conversations, messages and activity. */
public final class ChangesApi {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private final ChangeRepository changes;
    private final Clock clock;
    private final ServerOptions.Limits limits;

    public ChangesApi(ChangeRepository changes, Clock clock, ServerOptions.Limits limits) {
        this.changes = changes;
        this.clock = clock;
        this.limits = limits;
    }

    public void routes(Router r) {
        r.post("/v1/changes", this::append);
        r.get("/v1/changes", this::list);
    }

    private void append(Exchange x) {
        ChangesRequest b = Json.read(x.bodyBytes(limits.jsonBodyBytes()), ChangesRequest.class);
        String device = Ids.ulid(b.deviceId(), "device_id");
        List<ChangesRequest.Change> in = b.changes() == null ? List.of() : b.changes();
        if (in.size() > limits.changesPerRequest()) {
            throw new ServerException(ErrorCode.TOO_MANY_IDS, "at most " + limits.changesPerRequest()
                    + " changes per request; send the rest in another");
        }
        List<Change> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            ChangesRequest.Change c = in.get(i);
            String where = "changes[" + i + "].";
            if (c == null || c.seq() == null || c.seq() < 1) {
                throw ServerException.badRequest(where + "seq must be a positive integer");
            }
            out.add(new Change(device, c.seq(), word(c.type(), where + "type"),
                    Ids.text(c.entityId(), where + "entity_id", 200, true), word(c.op(), where + "op"),
                    c.data() == null ? null : c.data().text(), Ids.text(c.at(), where + "at", 64, false), 0));
        }
        long max = changes.append(x.userId(), device, out, clock.instant());
        x.json(200, new ChangesAck(device, max));
    }

    private static String word(String v, String what) {
        if (v == null || !WORD.matcher(v).matches()) {
            throw ServerException.badRequest(what + " must be 1-64 characters of A-Z a-z 0-9 _ . : -");
        }
        return v;
    }

    private void list(Exchange x) {
        Paging paging = Paging.of(x, limits.pageSize());
        String device = Ids.optionalUlid(x.query("device_id"), "device_id");
        var page = changes.after(x.userId(), device, paging.after(), paging.limit());
        x.json(200, new ChangePage(page.items().stream().map(Views::change).toList(), Paging.format(page.next()),
                page.hasMore()));
    }
}
