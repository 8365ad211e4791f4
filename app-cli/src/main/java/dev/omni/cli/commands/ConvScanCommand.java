package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.Context;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.ConversationViews;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.TranscriptScanner;
import dev.omni.core.util.Plural;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code omni conv scan}: imports new transcripts from the agents' default places. */
@Command(name = "scan", description = {"Import what is new in the agents' transcript folders.",
        "For the registered workspaces: ~/.claude/projects, ~/.codex/sessions, .aider.chat.history.md in workspace roots."})
public final class ConvScanCommand extends BaseCommand {
    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        TranscriptScanner.Report r = new ConversationService(omni()).scan(ctx.warnings());
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("candidates", r.candidates());
            m.put("unchanged", r.unchanged());
            m.put("new_conversations", r.newConversations());
            m.put("new_messages", r.newMessages());
            m.put("files", r.files().stream().map(ConversationViews::report).toList());
            JsonOption.print(ctx.out(), m);
        } else {
            summarize(ctx, r.files());
            ctx.say("Scanned " + Plural.of(r.candidates(), "transcript") + ": " + r.unchanged() + " unchanged, "
                    + Plural.of(r.newConversations(), "new conversation") + ", " + Plural.of(r.newMessages(), "new message") + ".");
        }
        return r.rejected() > 0 ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    }

    /** One line per conversation imported; rejected files were already reported as warnings. */
    static void summarize(Context ctx, List<ConversationService.FileReport> reports) {
        for (ConversationService.FileReport f : reports) {
            if (f.rejected() != null) {
                continue;
            }
            for (ConversationService.Imported i : f.conversations()) {
                String title = i.conversation().title() == null ? "(untitled)" : MemoryViews.firstLine(i.conversation().title(), 60);
                if (i.removed()) {
                    ctx.say("removed, left out: " + i.conversation().id() + "  " + title);
                } else {
                    ctx.say((i.created() ? "new  " : i.added() > 0 ? "grew " : "same ") + i.conversation().id() + "  +"
                            + Plural.of(i.added(), "message") + "  " + title);
                }
            }
            if (!f.redacted().isEmpty()) {
                ctx.say("  " + f.file().getFileName() + ": secrets redacted: " + ConvImportCommand.skipped(f.redacted()));
            }
            if (!f.skipped().isEmpty() && ctx.verbose()) {
                ctx.say("  " + f.file() + ": not messages: " + ConvImportCommand.skipped(f.skipped()));
            }
        }
    }
}
