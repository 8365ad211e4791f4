package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.HistoryEntry;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.util.Json;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni memory show}: one item in full (reading it counts an access). */
@Command(name = "show", description = "Show one memory item in full; --history lists every change.")
public final class MemoryShowCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The item's id or a unique prefix.")
    String id;

    @Option(names = "--history", description = "Also list every change of the item.")
    boolean history;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws Exception {
        MemoryService svc = new MemoryService(omni());
        MemoryItem m = svc.read(id);
        List<HistoryEntry> changes = svc.history(m.id());
        if (json.json) {
            Map<String, Object> o = new LinkedHashMap<>(MemoryViews.item(m));
            if (history) {
                o.put("history", changes.stream().map(h -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("seq", h.seq());
                    e.put("version", h.version());
                    e.put("op", h.op());
                    e.put("device_id", h.deviceId());
                    e.put("at", Times.format(h.at()));
                    e.put("data", parse(h.data()));
                    return e;
                }).toList());
            }
            JsonOption.print(ctx.out(), o);
            return ExitCodes.OK;
        }
        var st = ctx.style();
        var out = ctx.out();
        out.println(st.bold(m.type().wire() + " " + m.id()) + (m.deleted() ? st.red("  (removed)") : "")
                + st.dim(m.global() ? "  all projects" : "  project " + m.projectId()));
        out.println();
        out.println(m.content());
        out.println();
        if (m.rationale() != null) {
            out.println("why         " + m.rationale().replace("\n", "\n            "));
        }
        if (m.category() != null) {
            out.println("category    " + m.category().wire());
        }
        if (m.status() != null) {
            out.println("status      " + m.status().wire() + ", priority " + m.priority() + (m.effort() == null ? "" : ", " + m.effort().wire() + " effort"));
        }
        if (!m.tags().isEmpty()) {
            out.println("tags        " + String.join(", ", m.tags()));
        }
        out.println("importance  " + m.importance());
        if (m.sourceKind() != null) {
            out.println("source      " + m.sourceKind() + (m.sourceId() == null ? "" : " " + m.sourceId()));
        }
        out.println("created     " + Times.format(m.createdAt()));
        out.println("updated     " + Times.format(m.updatedAt()) + " (version " + m.version() + ", device " + m.deviceId() + ")");
        out.println("read        " + m.accessCount() + (m.accessCount() == 1 ? " time" : " times"));
        if (history) {
            out.println();
            for (HistoryEntry h : changes) {
                out.println(st.dim(Times.format(h.at())) + "  v" + h.version() + "  " + String.format("%-8s", h.op()) + "  "
                        + MemoryViews.firstLine(String.valueOf(Json.mapper().readTree(h.data()).path("content").asText()), 70));
            }
        } else if (changes.size() > 1) {
            out.println("history     " + Plural.of(changes.size(), "change") + " (--history)");
        }
        return ExitCodes.OK;
    }

    private static Object parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            return json;
        }
    }
}
