package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.ConversationViews;
import dev.omni.cli.support.Style;
import dev.omni.core.agent.AgentTurns;
import dev.omni.core.conversation.ContentBlock;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni conv show}: a conversation as a readable transcript; tool output and thinking are folded unless --full. */
@Command(name = "show", description = {"Show a conversation as a transcript.", "Tool output and thinking are folded; --full shows them."})
public final class ConvShowCommand extends BaseCommand {
    private static final int FOLDED_LINES = 3;

    @Parameters(index = "0", paramLabel = "ID", description = "Conversation id, unique prefix, or the agent's session id.")
    String id;

    @Option(names = "--full", description = "Show tool calls, tool output and thinking in full.")
    boolean full;

    @Option(names = "--from", paramLabel = "SEQ", defaultValue = "1", description = "Start at message SEQ.")
    long from;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        ConversationService svc = new ConversationService(omni());
        Conversation c = svc.get(id);
        List<Message> messages = svc.messages(c.id()).stream().filter(m -> m.seq() >= from).toList();
        List<AgentTurns.TurnChanges> turns = new AgentTurns(omni()).ofConversation(c.id());
        Map<String, AgentTurns.TurnChanges> byMessage = new LinkedHashMap<>();
        turns.stream().filter(t -> t.turn().messageId() != null).forEach(t -> byMessage.put(t.turn().messageId(), t));
        List<Conversation> subagents = svc.subagents(c);
        if (json.json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("conversation", ConversationViews.conversation(c));
            o.put("parent_external_id", c.parentExternalId());
            o.put("subagents", subagents.stream().map(ConversationViews::conversation).toList());
            o.put("turns", turns.stream().map(TurnsCommand::view).toList());
            o.put("messages", messages.stream().map(ConversationViews::message).toList());
            JsonOption.print(ctx.out(), o);
            return ExitCodes.OK;
        }
        Style st = ctx.style();
        PrintWriter out = ctx.out();
        out.println(st.bold(c.title() == null ? "(untitled)" : c.title()));
        out.println(st.dim(c.id() + "  " + c.source() + " " + c.externalId() + (c.model() == null ? "" : "  " + c.model())
                + "  " + Plural.of(c.messageCount(), "message") + ", " + Plural.of(c.inputTokens(), "token") + " in, " + c.outputTokens() + " out"
                + (c.deleted() ? "  (removed)" : "")));
        if (c.parentExternalId() != null) {
            out.println(st.dim("subagent of session " + c.parentExternalId()));
        }
        for (Conversation sub : subagents) {
            out.println(st.dim("subagent: " + sub.id() + "  " + (sub.title() == null ? "" : fold(sub.title(), 80))
                    + "  (" + sub.messageCount() + " messages)"));
        }
        for (Message m : messages) {
            out.println();
            out.println(st.cyan("── " + m.seq() + " " + m.role().wire()) + st.dim((m.model() == null ? "" : " " + m.model())
                    + (m.createdAt() == null ? "" : " · " + Times.format(m.createdAt()).substring(0, 19).replace('T', ' '))));
            for (ContentBlock b : m.contentBlocks()) {
                block(b, out, st);
            }
            AgentTurns.TurnChanges tc = byMessage.get(m.id());
            if (tc != null) {
                out.println(st.yellow("▸ turn " + tc.turn().turn() + ": " + tc.files().size() + " file"
                        + (tc.files().size() == 1 ? "" : "s") + " changed, +" + tc.added() + " -" + tc.removed())
                        + st.dim("  " + TurnsCommand.snap(tc.turn().before()) + " -> " + TurnsCommand.snap(tc.turn().after())));
                TurnsCommand.printFiles(out, st, tc.files(), "  ");
            }
        }
        return ExitCodes.OK;
    }

    private void block(ContentBlock b, PrintWriter out, Style st) {
        if (b.isText()) {
            out.println(b.text());
        } else if (b.isToolUse()) {
            String input = b.input() == null ? "" : b.input();
            out.println(st.yellow("▸ " + b.name()) + " " + (full ? input : fold(input.replace('\n', ' '), 120)));
        } else if (b.isToolResult()) {
            String text = b.text() == null ? "" : b.text();
            List<String> lines = text.lines().toList();
            String head = b.error() ? st.red("◂ error") : st.green("◂ result");
            if (full || lines.size() <= FOLDED_LINES) {
                out.println(head);
                lines.forEach(l -> out.println("  " + l));
            } else {
                out.println(head + st.dim(" (" + Plural.of(lines.size(), "line") + "; --full shows all)"));
                lines.subList(0, FOLDED_LINES).forEach(l -> out.println("  " + fold(l, 160)));
                out.println(st.dim("  …"));
            }
        } else if (b.isThinking()) {
            String text = b.text() == null ? "" : b.text();
            if (full) {
                out.println(st.dim("thinking:"));
                text.lines().forEach(l -> out.println(st.dim("  " + l)));
            } else {
                long n = text.lines().count();
                out.println(st.dim("(thinking, " + n + (n == 1 ? " line" : " lines") + "; --full shows it)"));
            }
        } else {
            out.println(st.dim("[" + b.type() + "] " + (full ? b.text() : fold(String.valueOf(b.text()), 120))));
        }
    }

    private static String fold(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
