package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.ConversationViews;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.util.TimeArgs;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni conv list}: conversations, the most recently active first. */
@Command(name = "list", description = {"List conversations, the most recently active first.", "By default this project's, else all."})
public final class ConvListCommand extends BaseCommand {
    @Option(names = {"-w", "--workspace"}, paramLabel = "W", description = "Only this workspace's.")
    String workspace;

    @Option(names = "--project", paramLabel = "P", description = "Only this project's.")
    String project;

    @Option(names = "--all", description = "Every project's, and those of no project.")
    boolean all;

    @Option(names = "--source", paramLabel = "S", description = "Only from claude, codex, aider or json.")
    String source;

    @Option(names = "--since", paramLabel = "DATE", description = "Only active since DATE (2026-11-01, or an age: 7d).")
    String since;

    @Option(names = "--removed", description = "List removed conversations instead.")
    boolean removed;

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "50", description = "At most N (default 50).")
    int limit;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        ConversationFilter f = ConvScope.filter(this.ctx, workspace, project, all, limit).withSource(source).withDeleted(removed)
                .withSince(since == null ? null : TimeArgs.since(since, omni().now()));
        List<Conversation> list = new ConversationService(omni()).list(f);
        if (json.json) {
            JsonOption.print(ctx.out(), list.stream().map(ConversationViews::conversation).toList());
            return ExitCodes.OK;
        }
        Map<String, String> names = new HashMap<>();
        for (Workspace w : new WorkspaceService(omni()).workspaces(null)) {
            names.put(w.id(), w.name());
        }
        var st = ctx.style();
        for (Conversation c : list) {
            ctx.out().println(ConversationViews.line(c, c.workspaceId() == null ? null : names.get(c.workspaceId()), st));
        }
        if (list.isEmpty()) {
            ctx.say("No conversations; import some with 'omni conv import PATH' or 'omni conv scan'.");
        }
        return ExitCodes.OK;
    }
}
