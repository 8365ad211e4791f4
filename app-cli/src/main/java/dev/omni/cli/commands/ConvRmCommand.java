package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code omni conv rm}: deletes conversations' messages; scans will not bring them back. */
@Command(name = "rm", description = {"Remove conversations and their messages.",
        "'omni conv scan' leaves them out from then on; 'omni conv import' of the transcript brings them back."})
public final class ConvRmCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Conversation ids, unique prefixes, or session ids.")
    List<String> ids;

    @Override
    protected int run() {
        ConversationService svc = new ConversationService(omni());
        for (String id : ids) {
            Conversation c = svc.remove(id);
            ctx.say("Removed " + c.id() + (c.title() == null ? "" : "  " + c.title()));
        }
        return ExitCodes.OK;
    }
}
