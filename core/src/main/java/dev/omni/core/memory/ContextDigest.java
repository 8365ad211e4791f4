package dev.omni.core.memory;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A Markdown digest of what applies in a project (its memory and the global items) for an agent's
 * context file: decisions with their rationale, preferences, facts, open next steps, then skills
 * and notes; most important first. It carries no date, so that an unchanged memory writes an
 * unchanged file.
 */
public final class ContextDigest {
    /** Sections in the order they are printed; events are history, not context. */
    private static final List<MemoryType> ORDER = List.of(MemoryType.DECISION, MemoryType.PREFERENCE, MemoryType.FACT,
            MemoryType.NEXT_STEP, MemoryType.SKILL, MemoryType.NOTE);
    /** Smaller would not hold the heading. */
    public static final int MIN_CHARS = 200;

    private final Omni omni;

    public ContextDigest(Omni omni) {
        this.omni = omni;
    }

    /** The section heading of a type. */
    static String heading(MemoryType t) {
        return switch (t) {
            case DECISION -> "Decisions";
            case PREFERENCE -> "Preferences";
            case FACT -> "Facts";
            case NEXT_STEP -> "Next steps";
            case SKILL -> "Skills";
            case NOTE -> "Notes";
            case EVENT -> "Events";
        };
    }

    /**
     * The digest for {@code projectId} (null: global items only) titled with {@code projectName},
     * at most {@code maxChars} long: when everything does not fit, the most important items do.
     */
    public String build(String projectId, String projectName, int maxChars) {
        if (maxChars < MIN_CHARS) {
            throw OmniException.invalid("--max-chars must be at least " + MIN_CHARS);
        }
        MemoryFilter f = projectId == null
                ? new MemoryFilter(MemoryFilter.Scope.GLOBAL, null, null, null, null, null, false, Integer.MAX_VALUE)
                : MemoryFilter.applyingTo(projectId);
        List<MemoryItem> all = new MemoryService(omni).list(f);
        List<MemoryItem> candidates = new ArrayList<>();
        for (MemoryItem m : all) {
            if (ORDER.contains(m.type()) && (m.status() == null || m.status().open())) {
                candidates.add(m);
            }
        }
        candidates.sort(IMPORTANCE);
        String head = "# Project memory" + (projectName == null ? "" : ": " + projectName) + "\n\n"
                + "_Kept by omni: `omni memory`, `omni decide`, `omni next`. Regenerate with `omni context --write`._\n";
        Map<MemoryType, List<MemoryItem>> chosen = new EnumMap<>(MemoryType.class);
        int used = head.length();
        int left = 0;
        String more = "\n_%d more in `omni memory list`._\n";
        int reserve = String.format(more, candidates.size()).length();
        for (MemoryItem m : candidates) {
            int cost = line(m).length() + (chosen.containsKey(m.type()) ? 0 : sectionHead(m.type()).length());
            if (used + cost + reserve <= maxChars) {
                chosen.computeIfAbsent(m.type(), k -> new ArrayList<>()).add(m);
                used += cost;
            } else {
                left++;
            }
        }
        StringBuilder b = new StringBuilder(head);
        for (MemoryType t : ORDER) {
            List<MemoryItem> items = chosen.get(t);
            if (items == null) {
                continue;
            }
            if (t == MemoryType.NEXT_STEP) {
                items.sort(MemoryService.NEXT_ORDER);
            }
            b.append(sectionHead(t));
            items.forEach(m -> b.append(line(m)));
        }
        if (candidates.isEmpty()) {
            b.append("\nNothing recorded yet.\n");
        } else if (left > 0) {
            b.append(String.format(more, left));
        }
        return b.toString();
    }

    /** Most important first; then the more often read, then the more recently changed. */
    private static final Comparator<MemoryItem> IMPORTANCE = Comparator.comparingDouble(MemoryItem::importance).reversed()
            .thenComparing(Comparator.comparingLong(MemoryItem::accessCount).reversed())
            .thenComparing(Comparator.comparing(MemoryItem::updatedAt).reversed());

    private static String sectionHead(MemoryType t) {
        return "\n## " + heading(t) + "\n\n";
    }

    private static String line(MemoryItem m) {
        StringBuilder b = new StringBuilder("- ");
        if (m.type() == MemoryType.NEXT_STEP) {
            b.append(m.status() == NextStatus.STARTED ? "[started] " : "[ ] ").append("P").append(m.priority()).append(' ');
        }
        b.append(m.content().replace("\n", "\n  "));
        if (m.rationale() != null) {
            b.append(" — because ").append(m.rationale().replace("\n", "\n  "));
        }
        List<String> meta = new ArrayList<>();
        if (m.category() != null) {
            meta.add(m.category().wire().replace('_', ' '));
        }
        if (m.effort() != null) {
            meta.add(m.effort().wire() + " effort");
        }
        if (m.global()) {
            meta.add("all projects");
        }
        if (!meta.isEmpty()) {
            b.append(" _(").append(String.join(", ", meta)).append(")_");
        }
        return b.append('\n').toString();
    }
}
