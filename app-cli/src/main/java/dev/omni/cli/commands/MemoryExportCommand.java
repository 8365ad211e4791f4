package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.ScopeOptions;
import dev.omni.cli.support.Output;
import dev.omni.core.OmniException;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryTransfer;
import dev.omni.core.util.Plural;
import dev.omni.core.workspace.WorkspaceService;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni memory export}: Markdown to read, or JSON Lines to import elsewhere. */
@Command(name = "export", description = {"Write memory as Markdown or JSON Lines.", "Markdown to read; JSON Lines for 'omni memory import'."})
public final class MemoryExportCommand extends BaseCommand {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "md", description = "md (default) or jsonl.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Mixin
    ScopeOptions scope;

    @Override
    protected int run() {
        MemoryFilter f = scope.filter(ctx);
        MemoryTransfer t = new MemoryTransfer(omni());
        int n = switch (format) {
            case "jsonl" -> Output.write(ctx, output, w -> t.exportJsonl(f, w));
            case "md", "markdown" -> Output.write(ctx, output, w -> t.exportMarkdown(f, title(f), w));
            default -> throw OmniException.invalid("unknown format '" + format + "' (md or jsonl)");
        };
        if (output != null) {
            ctx.say("Wrote " + Plural.of(n, "item") + " to " + output);
        }
        return ExitCodes.OK;
    }

    private String title(MemoryFilter f) {
        return switch (f.scope()) {
            case ALL -> "Memory: all projects";
            case GLOBAL -> "Memory: every project";
            default -> "Memory of " + new WorkspaceService(omni()).projects().stream().filter(p -> p.id().equals(f.projectId()))
                    .map(p -> p.name()).findFirst().orElse(f.projectId());
        };
    }
}
