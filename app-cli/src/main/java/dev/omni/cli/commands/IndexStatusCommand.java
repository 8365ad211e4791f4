package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.semantic.SemanticIndex;
import dev.omni.core.util.Times;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code omni index status}: what the semantic index holds and what waits. */
@Command(name = "status", description = {"Show what the semantic index holds and what it lacks.",
        "Memory items and messages indexed and pending, the model, the size on disk."})
public final class IndexStatusCommand extends BaseCommand {
    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        try (SemanticIndex index = new SemanticIndex(omni())) {
            SemanticIndex.Status s = index.status();
            if (json.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", s.model());
                m.put("indexed_model", s.indexedModel());
                m.put("current", s.current());
                m.put("memory_items_indexed", s.memoryItems());
                m.put("messages_indexed", s.messages());
                m.put("vectors", s.vectors());
                m.put("memory_items_pending", s.memoryPending());
                m.put("messages_pending", s.messagesPending());
                m.put("bytes", s.bytes());
                m.put("updated_at", s.updatedAt() == null ? null : Times.format(s.updatedAt()));
                JsonOption.print(ctx.out(), m);
                return ExitCodes.OK;
            }
            var st = ctx.style();
            ctx.out().println("model:      " + s.model() + (s.current() || s.indexedModel() == null ? ""
                    : st.yellow("  (the index was made with " + s.indexedModel() + ": 'omni index' rebuilds it)")));
            ctx.out().println("indexed:    " + s.memoryItems() + " memory items, " + s.messages() + " messages (" + s.vectors() + " vectors)");
            String pending = s.memoryPending() + " memory items, " + s.messagesPending() + " messages";
            ctx.out().println("pending:    " + (s.memoryPending() + s.messagesPending() == 0 ? pending : st.yellow(pending)
                    + st.dim("  ('omni index', or the daemon, embeds them)")));
            ctx.out().println("size:       " + IndexCommand.size(s.bytes()));
            if (s.updatedAt() != null) {
                ctx.out().println("updated:    " + Times.ago(s.updatedAt(), omni().now()));
            }
            return ExitCodes.OK;
        }
    }
}
