package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.conversation.ConversationService;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni redact --scan|--apply}: secrets in the conversations already stored. */
@Command(name = "redact", description = {"Find or redact secrets in the stored conversations.",
    "API keys, tokens, private keys, passwords, in messages, titles and the changes waiting to be pushed:",
    "--scan reports them, --apply replaces them with [REDACTED:kind]. Snapshots are not touched."})
public final class RedactCommand extends BaseCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--scan", required = true, description = "Report what would be redacted; change nothing.")
        boolean scan;

        @Option(names = "--apply", required = true, description = "Redact it.")
        boolean apply;
    }

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        ConversationService.SweepReport r = new ConversationService(omni()).sweepSecrets(mode.apply);
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("applied", r.applied());
            m.put("messages_scanned", r.scanned());
            m.put("messages", r.messages());
            m.put("titles", r.titles());
            m.put("outbox_changes", r.outbox());
            m.put("secrets", r.secrets());
            JsonOption.print(ctx.out(), m);
            return ExitCodes.OK;
        }
        int total = r.secrets().values().stream().mapToInt(Integer::intValue).sum();
        ctx.out().println((r.applied() ? "Redacted " : "Found ") + total + " secret" + (total == 1 ? "" : "s") + " in " + r.messages()
                + " of " + r.scanned() + " messages, " + r.titles() + " titles and " + r.outbox() + " changes waiting to be pushed"
                + (total == 0 ? "." : ":"));
        r.secrets().forEach((k, v) -> ctx.out().printf("  %-20s %d%n", k, v));
        if (!r.applied() && total > 0) {
            ctx.out().println("omni redact --apply replaces them with [REDACTED:kind].");
        }
        return ExitCodes.OK;
    }
}
