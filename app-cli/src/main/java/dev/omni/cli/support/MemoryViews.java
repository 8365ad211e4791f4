package dev.omni.cli.support;

import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.memory.MemoryHit;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.util.Times;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How memory items look: their JSON (the same shape as in exports and the outbox) and one line of text. */
public final class MemoryViews {
    private MemoryViews() {
    }

    public static Map<String, Object> item(MemoryItem m) {
        return MemoryCodec.toMap(m, true);
    }

    public static Map<String, Object> hit(MemoryHit h) {
        Map<String, Object> m = new LinkedHashMap<>(item(h.item()));
        m.put("score", h.score());
        m.put("text_score", h.textScore());
        m.put("semantic_score", h.semanticScore());
        m.put("snippet", Marks.json(h.snippet()));
        return m;
    }

    /** {@code ID  type  first line  #tags  (global)  2 days ago}. */
    public static String line(MemoryItem m, Style st, Instant now) {
        StringBuilder b = new StringBuilder(st.dim(m.id())).append("  ").append(st.cyan(String.format("%-10s", m.type().wire())))
                .append(' ');
        if (m.type() == MemoryType.NEXT_STEP) {
            b.append('[').append(m.status().wire()).append(", P").append(m.priority())
                    .append(m.effort() == null ? "" : ", " + m.effort().wire()).append("] ");
        }
        b.append(firstLine(m.content(), 90));
        for (String t : m.tags()) {
            b.append(' ').append(st.yellow("#" + t));
        }
        if (m.global()) {
            b.append(st.dim("  (all projects)"));
        }
        b.append(st.dim("  " + Times.ago(m.updatedAt(), now)));
        return b.toString();
    }

    public static String firstLine(String s, int max) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        boolean more = nl >= 0;
        if (more) {
            t = t.substring(0, nl);
        }
        if (t.length() > max) {
            return t.substring(0, max - 1) + "…";
        }
        return more ? t + " …" : t;
    }
}
