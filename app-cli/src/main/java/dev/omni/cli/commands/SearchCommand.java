package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Marks;
import dev.omni.cli.support.MemoryViews;
import dev.omni.cli.support.Style;
import dev.omni.core.search.SearchHit;
import dev.omni.core.search.SearchKind;
import dev.omni.core.search.SearchService;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.WorkspaceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni search}: one ranked list across memory, conversations and the workspaces' files. */
@Command(name = "search", description = {"Search memory, conversations and file paths at once.",
        "Words (stemmed, accents ignored), \"phrases\", prefix*, OR, -word."})
public final class SearchCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for.")
    List<String> query;

    @Option(names = "--in", paramLabel = "AREAS", defaultValue = "memory,conversations,files",
            description = "Where to look: memory, conversations, files (comma-separated; default all three).")
    String in;

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "20", description = "At most N results (default 20).")
    int limit;

    @Option(names = "--project", paramLabel = "P", description = "Only this project (and, for memory, the global items).")
    String project;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        String pid = project == null ? null : new WorkspaceService(omni()).project(project).id();
        List<SearchHit> hits = new SearchService(omni()).search(String.join(" ", query), SearchKind.parseList(in), pid, limit);
        if (json.json) {
            JsonOption.print(ctx.out(), hits.stream().map(SearchCommand::view).toList());
            return ExitCodes.OK;
        }
        Style st = ctx.style();
        for (SearchHit h : hits) {
            ctx.out().println(st.cyan(String.format("%-7s", h.kind().wire())) + " " + where(h, st));
            ctx.out().println("        " + Marks.text(h.snippet(), st));
        }
        if (hits.isEmpty()) {
            ctx.say("Nothing matches.");
        }
        return ExitCodes.OK;
    }

    private static String where(SearchHit h, Style st) {
        String place = (h.projectName() == null ? (h.projectId() == null ? "" : h.projectId()) : h.projectName())
                + (h.workspaceName() == null ? "" : "/" + h.workspaceName());
        return switch (h.kind()) {
            case MEMORY -> st.dim(h.memoryId()) + " " + h.memoryType() + "  " + st.yellow(place.isEmpty() ? "all projects" : place);
            case MESSAGE -> st.dim(h.conversationId()) + " #" + h.seq() + " " + h.role() + "  "
                    + st.bold(h.conversationTitle() == null ? "(untitled)" : MemoryViews.firstLine(h.conversationTitle(), 50))
                    + (place.isEmpty() ? "" : "  " + st.yellow(place));
            case FILE -> st.bold(h.path()) + "  " + st.yellow(place) + st.dim(" @ " + h.snapshotId());
        };
    }

    private static Map<String, Object> view(SearchHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", h.kind().wire());
        m.put("score", h.score());
        m.put("snippet", Marks.json(h.snippet()));
        m.put("project_id", h.projectId());
        m.put("project_name", h.projectName());
        m.put("workspace_id", h.workspaceId());
        m.put("workspace_name", h.workspaceName());
        switch (h.kind()) {
            case MEMORY -> {
                m.put("memory_id", h.memoryId());
                m.put("memory_type", h.memoryType());
            }
            case MESSAGE -> {
                m.put("conversation_id", h.conversationId());
                m.put("conversation_title", h.conversationTitle());
                m.put("message_id", h.messageId());
                m.put("seq", h.seq());
                m.put("role", h.role());
            }
            case FILE -> {
                m.put("snapshot_id", h.snapshotId());
                m.put("path", h.path());
            }
        }
        m.put("at", h.at() == null ? null : Times.format(h.at()));
        return m;
    }
}
