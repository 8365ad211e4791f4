package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.support.Output;
import dev.omni.core.OmniException;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationExport;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.core.util.Plural;
import dev.omni.core.workspace.WorkspaceService;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni conv export}: a conversation as Markdown or as JSON that 'omni conv import' reads back. */
@Command(name = "export", description = {"Write a conversation as Markdown or JSON.", "The JSON is what 'omni conv import' reads back without loss."})
public final class ConvExportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Conversation id, unique prefix, or the agent's session id.")
    String id;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "md", description = "md (default) or json.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    protected int run() {
        ConversationService svc = new ConversationService(omni());
        Conversation c = svc.get(id);
        List<Message> messages = svc.messages(c.id());
        switch (format) {
            case "json" -> Output.write(ctx, output, w -> {
                ConversationExport.json(c, messages, w);
                return messages.size();
            });
            case "md", "markdown" -> Output.write(ctx, output, w -> {
                ConversationExport.markdown(c, messages, where(c), w);
                return messages.size();
            });
            default -> throw OmniException.invalid("unknown format '" + format + "' (md or json)");
        }
        if (output != null) {
            ctx.say("Wrote " + Plural.of(messages.size(), "message") + " to " + output);
        }
        return ExitCodes.OK;
    }

    private String where(Conversation c) {
        if (c.workspaceId() == null) {
            return null;
        }
        var svc = new WorkspaceService(omni());
        return svc.find(c.workspaceId()).map(w -> svc.projectOf(w).name() + "/" + w.name()).orElse(c.workspaceId());
    }
}
