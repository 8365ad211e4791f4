package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Editor;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.DecisionCategory;
import dev.omni.core.memory.Effort;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni memory edit}: changes an item; with no option the text opens in $EDITOR. */
@Command(name = "edit", description = "Change a memory item: its text in $EDITOR, or what the options say.")
public final class MemoryEditCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The item's id or a unique prefix.")
    String id;

    @Option(names = "--text", paramLabel = "TEXT", description = "The new text (instead of opening $EDITOR).")
    String text;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "A new type.")
    String type;

    @Option(names = "--tag", paramLabel = "TAG", description = "Add a tag (repeatable).")
    List<String> addTags = new ArrayList<>();

    @Option(names = "--untag", paramLabel = "TAG", description = "Remove a tag (repeatable).")
    List<String> removeTags = new ArrayList<>();

    @Option(names = "--importance", paramLabel = "0..1", description = "A new importance.")
    Double importance;

    @Option(names = "--why", paramLabel = "TEXT", description = "A new rationale.")
    String why;

    @Option(names = "--category", paramLabel = "C", description = "A new decision category.")
    String category;

    @Option(names = "--priority", paramLabel = "1..3", description = "A new priority (next steps).")
    Integer priority;

    @Option(names = "--effort", paramLabel = "E", description = "A new effort: small, medium, large (next steps).")
    String effort;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws Exception {
        MemoryService svc = new MemoryService(omni());
        MemoryItem before = svc.get(id);
        boolean options = type != null || !addTags.isEmpty() || !removeTags.isEmpty() || importance != null || why != null
                || category != null || priority != null || effort != null;
        String newText = text;
        if (newText == null && !options) {
            newText = Editor.edit(ctx, before.content(), "memory item " + before.id());
        }
        List<String> tags = null;
        if (!addTags.isEmpty() || !removeTags.isEmpty()) {
            tags = new ArrayList<>(before.tags());
            tags.addAll(MemoryItem.normalizeTags(addTags));
            tags.removeAll(MemoryItem.normalizeTags(removeTags));
        }
        MemoryItem after = svc.edit(before.id(), new MemoryService.Edit(newText, type == null ? null : MemoryType.parse(type), why,
                category == null ? null : DecisionCategory.parse(category), tags, importance, priority,
                effort == null ? null : Effort.parse(effort)));
        if (json.json) {
            JsonOption.print(ctx.out(), MemoryViews.item(after));
        } else {
            ctx.say(after.version() == before.version() ? "No change to " + after.id() : "Updated " + after.id() + " (version " + after.version() + ")");
        }
        return ExitCodes.OK;
    }
}
