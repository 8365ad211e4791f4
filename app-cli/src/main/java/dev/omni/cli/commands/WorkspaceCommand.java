package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.core.OmniException;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.util.Times;
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

/** {@code omni workspace …}: the working copies of the current project. */
@Command(name = "workspace", description = "Create, list, show, rename and remove the project's workspaces.",
        subcommands = {WorkspaceCommand.Create.class, WorkspaceCommand.ListCmd.class, WorkspaceCommand.Show.class,
            WorkspaceCommand.Rename.class, WorkspaceCommand.Remove.class, WorkspaceCommand.SetMain.class})
public final class WorkspaceCommand extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(ctx.out());
        return ExitCodes.USAGE;
    }

    /** {@code omni workspace create NAME}: fork a new working copy. */
    @Command(name = "create", description = {"Fork a new working copy of the project from a snapshot.",
        "The snapshot defaults to this workspace's current one. Its files are written out and its base snapshot recorded."})
    public static final class Create extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The new workspace's name.")
        String name;

        @Option(names = "--from", paramLabel = "WORKSPACE|SNAP", description = "Start from this workspace's current snapshot, or this snapshot.")
        String from;

        @Option(names = "--path", paramLabel = "DIR", description = "Where its files go (default: beside this workspace, PROJECT-NAME).")
        Path path;

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            Workspace here = currentWorkspace();
            WorkspaceService wss = new WorkspaceService(omni());
            SnapshotService snaps = new SnapshotService(omni());
            Project project = wss.projectOf(here);
            Snapshot source;
            if (from == null) {
                if (here.currentSnapshot() == null) {
                    throw OmniException.notFound("this workspace has no snapshot yet; run 'omni snapshot' first");
                }
                source = snaps.get(here.currentSnapshot());
            } else {
                Workspace named = wss.byName(here.projectId(), from).orElse(null);
                if (named != null) {
                    if (named.currentSnapshot() == null) {
                        throw OmniException.notFound("workspace '" + named.name() + "' has no snapshot yet");
                    }
                    source = snaps.get(named.currentSnapshot());
                } else {
                    source = snaps.get(snaps.resolve(from, here));
                }
            }
            Path dir = path != null ? ctx.env().cwd().resolve(path)
                    : here.localPath().resolveSibling(project.name() + "-" + name);
            Workspace ws = new WorkspaceLifecycle(omni()).create(project, name, source, dir, "cli", ctx.progress(json.json));
            if (json.json) {
                JsonOption.print(ctx.out(), Views.workspace(ws));
            } else {
                ctx.say("Created workspace '" + ws.name() + "' at " + ws.localPath() + " from " + source.id());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code omni workspace list}. */
    @Command(name = "list", description = "List the project's workspaces.")
    public static final class ListCmd extends BaseCommand {
        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            Workspace here = currentWorkspace();
            return WorkspacesCommand.print(ctx, omni(), here.projectId(), json.json, here.id());
        }
    }

    /** {@code omni workspace show [NAME]}. */
    @Command(name = "show", description = "Show one workspace (default: this one), with its merge history.")
    public static final class Show extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
        String name;

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            Workspace here = currentWorkspace();
            WorkspaceService wss = new WorkspaceService(omni());
            Workspace w = name == null ? here : wss.require(here.projectId(), name);
            Project p = wss.projectOf(w);
            Map<String, Object> m = new LinkedHashMap<>(Views.workspace(w));
            m.put("project_name", p.name());
            m.put("main", w.id().equals(p.mainWorkspaceId()));
            m.put("merge_history", Views.json(w.mergeHistory()));
            if (json.json) {
                JsonOption.print(ctx.out(), m);
                return ExitCodes.OK;
            }
            var st = ctx.style();
            ctx.out().println(st.bold("workspace " + w.name()) + (w.id().equals(p.mainWorkspaceId()) ? st.green(" (main)") : ""));
            ctx.out().println("id        " + w.id());
            ctx.out().println("project   " + p.name() + " (" + p.id() + ")");
            ctx.out().println("path      " + (w.localPath() == null ? "(on another machine)" : w.localPath()));
            ctx.out().println("machine   " + w.machineId());
            ctx.out().println("base      " + (w.baseSnapshot() == null ? "-" : w.baseSnapshot().value()));
            ctx.out().println("current   " + (w.currentSnapshot() == null ? "-" : w.currentSnapshot().value()));
            if (w.lastSeenAt() != null) {
                ctx.out().println("seen      " + Times.ago(w.lastSeenAt(), omni().now()));
            }
            var history = Views.json(w.mergeHistory());
            if (history != null && history.size() > 0) {
                ctx.out().println("merged");
                history.fields().forEachRemaining(e -> {
                    String from = wss.find(e.getKey()).map(Workspace::name).orElse(e.getKey());
                    ctx.out().println("  from '" + from + "': " + e.getValue().path("last_merged_snapshot").asText() + " at "
                            + e.getValue().path("merged_at").asText());
                });
            }
            return ExitCodes.OK;
        }
    }

    /** {@code omni workspace rename OLD NEW}. */
    @Command(name = "rename", description = "Rename a workspace.")
    public static final class Rename extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "NEW-NAME")
        String newName;

        @Override
        protected int run() {
            Workspace here = currentWorkspace();
            WorkspaceService wss = new WorkspaceService(omni());
            Workspace w = wss.rename(wss.require(here.projectId(), name), newName, "cli");
            ctx.say("Renamed workspace '" + name + "' to '" + w.name() + "'");
            return ExitCodes.OK;
        }
    }

    /** {@code omni workspace rm NAME}. */
    @Command(name = "rm", description = {"Forget a workspace; its snapshots stay.",
        "Its files stay too, unless --delete-files (then a last snapshot is taken first)."})
    public static final class Remove extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--delete-files", description = "Also delete its working copy (after a last snapshot).")
        boolean deleteFiles;

        @Override
        protected int run() {
            Workspace here = currentWorkspace();
            WorkspaceService wss = new WorkspaceService(omni());
            Workspace w = wss.require(here.projectId(), name);
            new WorkspaceLifecycle(omni()).remove(w, deleteFiles, "cli", ctx.warnings());
            ctx.say("Removed workspace '" + w.name() + "'" + (deleteFiles && w.localPath() != null ? " and deleted " + w.localPath() : ""));
            return ExitCodes.OK;
        }
    }

    /** {@code omni workspace set-main NAME}. */
    @Command(name = "set-main", description = {"Make a workspace the project's main one.", "Drift compares with the main workspace by default."})
    public static final class SetMain extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        protected int run() {
            Workspace here = currentWorkspace();
            WorkspaceService wss = new WorkspaceService(omni());
            Workspace w = wss.require(here.projectId(), name);
            wss.setMain(w, "cli");
            ctx.say("'" + w.name() + "' is now the main workspace");
            return ExitCodes.OK;
        }
    }
}
