package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.semantic.SemanticIndex;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni index}: embeds the memory items and messages the semantic index lacks. */
@Command(name = "index", description = {"Embed the memory items and messages that the semantic index lacks.",
        "With the local model: nothing leaves this machine. An interrupted run goes on from where it stopped."},
        subcommands = {IndexStatusCommand.class})
public final class IndexCommand extends BaseCommand {
    @Option(names = "--rebuild", description = "Drop every vector and embed everything again.")
    boolean rebuild;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        try (SemanticIndex index = new SemanticIndex(omni())) {
            SemanticIndex.Report r = index.index(rebuild, ctx.progress(json.json), () -> false);
            if (json.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", r.model());
                m.put("rebuilt", r.reset());
                m.put("memory_items", r.memoryItems());
                m.put("messages", r.messages());
                m.put("chunks", r.chunks());
                m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
                m.put("complete", r.complete());
                JsonOption.print(ctx.out(), m);
                return ExitCodes.OK;
            }
            if (r.memoryItems() + r.messages() == 0 && !r.reset()) {
                ctx.say("Nothing to index: the semantic index is up to date (" + r.model() + ").");
            } else {
                ctx.say(String.format(Locale.ROOT, "%s %d memory items and %d messages (%d chunks) in %.1f s (%.0f chunks/s) with %s.",
                        r.reset() ? "Indexed from scratch:" : "Indexed", r.memoryItems(), r.messages(), r.chunks(), r.seconds(),
                        r.chunksPerSecond(), r.model()));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code 1.2 MiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
