package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.ConversationViews;
import dev.omni.cli.support.Marks;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.MessageHit;
import dev.omni.core.conversation.Role;
import dev.omni.core.util.TimeArgs;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni conv search}: full-text search of the messages, best first. */
@Command(name = "search", description = {"Search the messages of conversations.", "Words (stemmed, accents ignored), \"phrases\", prefix*, OR, -word."})
public final class ConvSearchCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for.")
    List<String> query;

    @Option(names = "--role", paramLabel = "R", description = "Only messages of system, user, assistant or tool.")
    String role;

    @Option(names = {"-w", "--workspace"}, paramLabel = "W", description = "Only this workspace's conversations.")
    String workspace;

    @Option(names = "--project", paramLabel = "P", description = "Only this project's conversations.")
    String project;

    @Option(names = "--all", description = "All conversations (the default outside a workspace).")
    boolean all;

    @Option(names = "--since", paramLabel = "DATE", description = "Only messages since DATE (2026-11-01, or an age: 7d).")
    String since;

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "20", description = "At most N results (default 20).")
    int limit;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        ConversationFilter f = ConvScope.filter(ctx, workspace, project, all, limit).withRole(role == null ? null : Role.parse(role))
                .withSince(since == null ? null : TimeArgs.since(since, omni().now()));
        List<MessageHit> hits = new ConversationService(omni()).search(String.join(" ", query), f);
        if (json.json) {
            JsonOption.print(ctx.out(), hits.stream().map(ConversationViews::hit).toList());
            return ExitCodes.OK;
        }
        var st = ctx.style();
        for (MessageHit h : hits) {
            ctx.out().println(st.dim(h.conversationId()) + " " + st.cyan("#" + h.seq() + " " + h.role().wire()) + "  "
                    + st.bold(h.conversationTitle() == null ? "(untitled)" : MemoryViews.firstLine(h.conversationTitle(), 50)));
            ctx.out().println("    " + Marks.text(h.snippet(), st));
        }
        if (hits.isEmpty()) {
            ctx.say("No message matches.");
        }
        return ExitCodes.OK;
    }
}
