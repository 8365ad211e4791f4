package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.core.OmniException;
import dev.omni.core.archive.ArchiveService;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni import}: an archive becomes a snapshot. */
@Command(name = "import", description = {"Make an archive (.tar.zst, .tar.gz, .zip) a snapshot.",
    "Entries that would escape (absolute paths, '..', links pointing outside, NUL in names) refuse the",
    "whole archive; nothing is written. Without --to-workspace the snapshot belongs to the current",
    "project (or --project, or a new project named after the archive) and no working copy."})
public final class ImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to import.")
    Path archive;

    @Option(names = "--to-workspace", description = "Make it the current workspace's new snapshot and update the working copy (after a safety snapshot).")
    boolean toWorkspace;

    @Option(names = "--project", paramLabel = "ID", description = "Put the snapshot into this project.")
    String project;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "Describe the snapshot.")
    String message;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Path file = ctx.env().cwd().resolve(archive).normalize();
        WorkspaceService wss = new WorkspaceService(omni());
        Workspace ws = null;
        Project p = null;
        if (toWorkspace) {
            ws = currentWorkspace();
        } else if (project != null) {
            p = wss.project(project);
        } else {
            try {
                p = wss.projectOf(currentWorkspace());
            } catch (OmniException e) {
                if (e.kind() != OmniException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        ArchiveService.Imported r = new ArchiveService(omni()).importArchive(file, ws, p, message, "cli", ctx.warnings(),
                ctx.progress(json.json));
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>(Views.snapshot(r.snapshot()));
            m.put("safety_snapshot", r.safetySnapshot() == null ? null : r.safetySnapshot().value());
            m.put("new_project", r.newProject());
            JsonOption.print(ctx.out(), m);
        } else {
            ctx.say("Imported " + file.getFileName() + " as " + r.snapshot().id() + ": " + Plural.of(r.snapshot().files(), "file") + ", "
                    + Bytes.human(r.snapshot().bytes()) + (r.newProject() ? " (new project " + r.snapshot().projectId() + ")" : "")
                    + (toWorkspace ? "; working copy updated" : ""));
        }
        return ExitCodes.OK;
    }
}
