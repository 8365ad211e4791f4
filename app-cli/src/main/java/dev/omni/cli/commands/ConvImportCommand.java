package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.ConversationViews;
import dev.omni.core.conversation.ConversationService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni conv import}: transcripts of Claude Code, Codex, Aider, or omni's JSON. */
@Command(name = "import", description = {"Import agent transcripts; again, only what is new.",
        "Claude Code .jsonl, Codex rollout .jsonl, .aider.chat.history.md, JSON {title, messages};",
        "a directory imports the transcripts under it."})
public final class ConvImportCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Transcript files or directories.")
    List<Path> paths;

    @Option(names = {"-w", "--workspace"}, paramLabel = "W",
            description = "The workspace (id, name or project/name) for conversations whose cwd is in none.")
    String workspace;

    @Option(names = "--keep-secrets", description = "Store secrets found in the transcripts as they are (default: [REDACTED:kind]).")
    boolean keepSecrets;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        List<Path> resolved = paths.stream().map(p -> ctx.env().cwd().resolve(p)).toList();
        List<ConversationService.FileReport> reports = new ConversationService(omni()).importPaths(resolved, workspace, ctx.warnings(),
                keepSecrets);
        if (json.json) {
            JsonOption.print(ctx.out(), reports.stream().map(ConversationViews::report).toList());
        } else {
            ConvScanCommand.summarize(ctx, reports);
        }
        return reports.stream().anyMatch(r -> r.rejected() != null) ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    }

    static String skipped(Map<String, Integer> skipped) {
        return String.join(", ", skipped.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }
}
