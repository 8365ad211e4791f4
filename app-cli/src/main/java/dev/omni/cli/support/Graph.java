package dev.omni.cli.support;

import dev.omni.core.model.SnapshotId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Draws a snapshot DAG as text, newest first, the way {@code git log --graph} does: one lane per
 * line of history, {@code *} for a snapshot, {@code |\} where a merge opens a lane and {@code |/}
 * where lanes join (a fork point).
 */
public final class Graph<T> {
    private final Function<T, SnapshotId> id;
    private final Function<T, List<SnapshotId>> parents;
    private final List<SnapshotId> lanes = new ArrayList<>();

    public Graph(Function<T, SnapshotId> id, Function<T, List<SnapshotId>> parents) {
        this.id = id;
        this.parents = parents;
    }

    /** The lines to print for {@code node} (the last one carries the node's {@code *}). */
    public List<String> render(T node, String text) {
        List<String> out = new ArrayList<>();
        SnapshotId me = id.apply(node);
        int col = lanes.indexOf(me);
        if (col < 0) {
            lanes.add(me);
            col = lanes.size() - 1;
        }
        // Other lanes waiting for the same snapshot join this one: a fork point.
        for (int i = lanes.size() - 1; i > col; i--) {
            if (me.equals(lanes.get(i))) {
                out.add(joinLine(i));
                lanes.remove(i);
            }
        }
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < lanes.size(); i++) {
            row.append(i == col ? '*' : '|').append(' ');
        }
        out.add(row + text);
        List<SnapshotId> ps = parents.apply(node);
        if (ps.isEmpty()) {
            lanes.remove(col);
        } else {
            lanes.set(col, ps.get(0));
            int insert = col + 1;
            for (int k = 1; k < ps.size(); k++) {
                if (!lanes.contains(ps.get(k))) {
                    lanes.add(insert, ps.get(k));
                    StringBuilder m = new StringBuilder();
                    for (int i = 0; i < lanes.size() - 1; i++) {
                        m.append(i == col ? "|\\" : (i > col ? " \\" : "| "));
                        if (i == col) {
                            m.append(' ');
                        }
                    }
                    out.add(m.toString().stripTrailing());
                    insert++;
                }
            }
        }
        return out;
    }

    /** Lane {@code from} joins the lane to its left. */
    private static String joinLine(int from) {
        return "| ".repeat(from - 1) + "|/";
    }
}
