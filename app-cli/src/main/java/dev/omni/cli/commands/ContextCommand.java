package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.ScopeOptions;
import dev.omni.core.OmniException;
import dev.omni.core.memory.ContextDigest;
import dev.omni.core.memory.ContextFile;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.WorkspaceService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni context}: the project's memory as Markdown for an agent's context file. */
@Command(name = "context", description = {"Print the project's memory as Markdown for an agent.",
        "Decisions, preferences, facts and next steps, most important first; --write puts it into omni's",
        "section of a file such as AGENTS.md."})
public final class ContextCommand extends BaseCommand {
    @Option(names = "--max-chars", paramLabel = "N", defaultValue = "8000", description = "At most N characters (default 8000).")
    int maxChars;

    @Option(names = "--write", paramLabel = "FILE",
            description = "Replace omni's marked section of FILE (AGENTS.md, CLAUDE.md, …), or add it; the rest stays as it is.")
    Path write;

    @Option(names = "--project", paramLabel = "P", description = "The project (default: the current workspace's).")
    String project;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        WorkspaceService ws = new WorkspaceService(omni());
        Project p;
        if (project != null) {
            p = ws.project(project);
        } else {
            String id = ScopeOptions.currentProjectId(ctx);
            if (id == null) {
                throw OmniException.notFound("not inside an omni workspace; use --project P");
            }
            p = ws.project(id);
        }
        String digest = new ContextDigest(omni()).build(p.id(), p.name(), maxChars);
        if (json.json && write == null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("project_id", p.id());
            m.put("project_name", p.name());
            m.put("markdown", digest);
            JsonOption.print(ctx.out(), m);
            return ExitCodes.OK;
        }
        if (write == null) {
            ctx.out().print(digest);
            ctx.out().flush();
            return ExitCodes.OK;
        }
        Path file = ctx.env().cwd().resolve(write);
        ContextFile.Outcome o = ContextFile.write(file, digest);
        ctx.say(switch (o) {
            case CREATED -> "Wrote " + file;
            case REPLACED -> "Updated omni's section of " + file;
            case APPENDED -> "Added omni's section to " + file;
            case UNCHANGED -> file + " is up to date";
        });
        return ExitCodes.OK;
    }
}
