package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.ScopeOptions;
import dev.omni.core.memory.MemoryTransfer;
import dev.omni.core.util.InputProblem;
import dev.omni.core.workspace.WorkspaceService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni memory import}: JSON Lines from 'omni memory export', applied by last-writer-wins. */
@Command(name = "import", description = {"Import memory from JSON Lines.", "As 'omni memory export --format jsonl' writes them; the newer version of an item wins."})
public final class MemoryImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The .jsonl file.")
    Path file;

    @Option(names = "--project", paramLabel = "P",
            description = "Where items of projects this store does not know go (default: the current workspace's project).")
    String project;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        String target = project != null ? new WorkspaceService(omni()).project(project).id() : ScopeOptions.currentProjectId(ctx);
        MemoryTransfer.ImportReport r = new MemoryTransfer(omni()).importJsonl(ctx.env().cwd().resolve(file), target, ctx.warnings());
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("added", r.added());
            m.put("updated", r.updated());
            m.put("unchanged", r.unchanged());
            m.put("older", r.older());
            m.put("problems", r.problems().stream().map(InputProblem::toString).toList());
            JsonOption.print(ctx.out(), m);
        } else {
            ctx.say("Imported " + r.added() + " new, " + r.updated() + " updated; " + r.unchanged() + " already here, "
                    + r.older() + " older than ours" + (r.rejected() > 0 ? "; " + r.rejected() + " bad lines skipped" : ""));
        }
        return r.rejected() > 0 ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    }
}
