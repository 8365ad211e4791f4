package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.core.OmniException;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.tree.Manifest;
import dev.omni.core.util.Bytes;
import dev.omni.core.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni show}: one snapshot, optionally with its files. */
@Command(name = "show", description = {"Show one snapshot: its id, parents, message and counts.", "--files lists path, type, size, mode and hash."})
public final class ShowCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SNAP", defaultValue = "@",
            description = "Snapshot id or unique prefix; @ is the current one (default), @~1 its parent.")
    String ref;

    @Option(names = "--files", description = "List the snapshot's files.")
    boolean files;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Workspace ws = contextWorkspace();
        SnapshotService svc = new SnapshotService(omni());
        Snapshot s = svc.get(svc.resolve(ref, ws));
        List<Manifest.Item> items = files ? svc.files(s) : List.of();
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>(Views.snapshot(s));
            if (files) {
                m.put("files_list", visible(items).stream().map(ShowCommand::item).toList());
            }
            JsonOption.print(ctx.out(), m);
            return ExitCodes.OK;
        }
        var st = ctx.style();
        ctx.out().println(st.bold("snapshot " + s.id()));
        ctx.out().println("manifest  " + s.manifestHash().hex());
        for (var p : s.parents()) {
            ctx.out().println("parent    " + p);
        }
        ctx.out().println("created   " + s.createdAt() + " by " + s.author() + " (" + s.source() + ")");
        ctx.out().println("files     " + s.files() + ", " + Bytes.human(s.bytes()));
        if (s.gitBranch() != null || s.gitCommit() != null) {
            ctx.out().println("git       " + (s.gitBranch() == null ? "(detached)" : s.gitBranch()) + " at "
                    + (s.gitCommit() == null ? "(no commit)" : s.gitCommit()));
        }
        if (s.message() != null) {
            ctx.out().println();
            ctx.out().println("    " + s.message().replace("\n", "\n    "));
        }
        if (files) {
            ctx.out().println();
            for (Manifest.Item i : visible(items)) {
                var e = i.entry();
                String hash = e.isFile() ? e.hash().hex() : e.isSymlink() ? "-> " + e.target() : "(empty dir)";
                ctx.out().printf("%-7s %-4s %12d  %s  %s%n", e.type().wire(), e.isFile() ? e.modeString() : "-", e.size(),
                        hash, i.path());
            }
        }
        return ExitCodes.OK;
    }

    /** Files and symlinks, and directories only when empty: otherwise their contents show them. */
    static List<Manifest.Item> visible(List<Manifest.Item> all) {
        List<Manifest.Item> out = new java.util.ArrayList<>(all.size());
        for (int k = 0; k < all.size(); k++) {
            Manifest.Item i = all.get(k);
            if (!i.entry().isDir() || k == all.size() - 1 || !all.get(k + 1).path().startsWith(i.path() + "/")) {
                out.add(i);
            }
        }
        return out;
    }

    private static Map<String, Object> item(Manifest.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        var e = i.entry();
        m.put("path", i.path());
        m.put("type", e.type().wire());
        m.put("size", e.size());
        m.put("mode", e.isFile() ? e.modeString() : null);
        m.put("hash", e.hash() == null || e.isDir() ? null : e.hash().hex());
        if (e.isSymlink()) {
            m.put("target", e.target());
        }
        return m;
    }

    private Workspace contextWorkspace() {
        try {
            return currentWorkspace();
        } catch (OmniException e) {
            if (e.kind() == OmniException.Kind.NOT_FOUND && !ref.startsWith("@") && !ref.startsWith("HEAD")) {
                return null;
            }
            throw e;
        }
    }

}
