package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.ScopeOptions;
import dev.omni.cli.support.Marks;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryHit;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.util.TimeArgs;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni memory search}: full-text search of the memory, best first; the items found count a read. */
@Command(name = "search", description = {"Search memory items.", "Words (stemmed, accents ignored), \"phrases\", prefix*, OR, -word."})
public final class MemorySearchCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for.")
    List<String> query;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Only items of this type.")
    String type;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only items with this tag.")
    String tag;

    @Option(names = "--since", paramLabel = "DATE", description = "Only items changed since DATE (2026-11-01, or an age: 7d).")
    String since;

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "20", description = "At most N results (default 20).")
    int limit;

    @Mixin
    ScopeOptions scope;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        MemoryFilter f = scope.filter(ctx).withLimit(limit).withTag(tag).withType(type == null ? null : MemoryType.parse(type))
                .withSince(since == null ? null : TimeArgs.since(since, omni().now()));
        List<MemoryHit> hits = new MemoryService(omni()).search(String.join(" ", query), f, true);
        if (json.json) {
            JsonOption.print(ctx.out(), hits.stream().map(MemoryViews::hit).toList());
            return ExitCodes.OK;
        }
        var st = ctx.style();
        for (MemoryHit h : hits) {
            ctx.out().println(st.dim(h.item().id()) + "  " + st.cyan(String.format("%-10s", h.item().type().wire())) + " "
                    + Marks.text(h.snippet(), st));
        }
        if (hits.isEmpty()) {
            ctx.say("No memory item matches.");
        }
        return ExitCodes.OK;
    }
}
