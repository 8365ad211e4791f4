package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.ScopeOptions;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni next list}: open next steps, started first, then by priority. */
@Command(name = "list", description = "List open next steps: started first, then by priority and age.")
public final class NextListCommand extends BaseCommand {
    @Option(names = "--closed", description = "Also list completed and dismissed steps.")
    boolean closed;

    @Mixin
    ScopeOptions scope;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        List<MemoryItem> items = new ArrayList<>(new MemoryService(omni()).list(scope.filter(ctx).withType(MemoryType.NEXT_STEP)));
        if (!closed) {
            items.removeIf(m -> !m.status().open());
        }
        items.sort(MemoryService.NEXT_ORDER);
        if (json.json) {
            JsonOption.print(ctx.out(), items.stream().map(MemoryViews::item).toList());
            return ExitCodes.OK;
        }
        var st = ctx.style();
        for (MemoryItem m : items) {
            String mark = switch (m.status()) {
                case STARTED -> st.yellow("[~]");
                case COMPLETED -> st.green("[x]");
                case DISMISSED -> st.dim("[-]");
                case PENDING -> "[ ]";
            };
            ctx.out().println(mark + " P" + m.priority() + "  " + MemoryViews.firstLine(m.content(), 90)
                    + (m.effort() == null ? "" : st.dim("  " + m.effort().wire())) + "  " + st.dim(m.id()));
        }
        if (items.isEmpty()) {
            ctx.say("No open next steps; add one with 'omni next add'.");
        }
        return ExitCodes.OK;
    }
}
