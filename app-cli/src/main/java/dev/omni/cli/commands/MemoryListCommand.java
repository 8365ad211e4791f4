package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.ScopeOptions;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.util.TimeArgs;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni memory list}: the items that apply here, most recently changed first. */
@Command(name = "list", description = {"List memory items, most recently changed first.", "This project's items and the global ones, unless the options say otherwise."})
public final class MemoryListCommand extends BaseCommand {
    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Only items of this type.")
    String type;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only items with this tag.")
    String tag;

    @Option(names = "--since", paramLabel = "DATE", description = "Only items changed since DATE (2026-11-01, or an age: 7d, 12h).")
    String since;

    @Option(names = "--deleted", description = "List removed items (to restore them) instead.")
    boolean deleted;

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "100", description = "At most N items (default 100).")
    int limit;

    @Mixin
    ScopeOptions scope;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        MemoryFilter f = scope.filter(ctx).withDeleted(deleted).withLimit(limit).withTag(tag)
                .withType(type == null ? null : MemoryType.parse(type))
                .withSince(since == null ? null : TimeArgs.since(since, omni().now()));
        List<MemoryItem> items = new MemoryService(omni()).list(f);
        if (json.json) {
            JsonOption.print(ctx.out(), items.stream().map(MemoryViews::item).toList());
            return ExitCodes.OK;
        }
        var st = ctx.style();
        for (MemoryItem m : items) {
            ctx.out().println(MemoryViews.line(m, st, omni().now()));
        }
        if (items.isEmpty()) {
            ctx.say(deleted ? "No removed items." : "Nothing remembered yet; add with 'omni memory add', 'omni decide' or 'omni next add'.");
        }
        return ExitCodes.OK;
    }
}
