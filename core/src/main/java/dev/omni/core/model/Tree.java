package dev.omni.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A directory manifest: its entries sorted by name in UTF-8 byte order, names unique. */
public record Tree(List<TreeEntry> entries) {
    public static final Tree EMPTY = new Tree(List.of());

    public Tree {
        entries = List.copyOf(entries);
        for (int i = 1; i < entries.size(); i++) {
            if (PathRules.compareUtf8(entries.get(i - 1).name(), entries.get(i).name()) >= 0) {
                throw new IllegalArgumentException("tree entries not sorted or not unique at "
                        + PathRules.printable(entries.get(i).name()));
            }
        }
    }

    /** Builds a tree from entries in any order; duplicate names are an error. */
    public static Tree of(List<TreeEntry> entries) {
        List<TreeEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> PathRules.compareUtf8(a.name(), b.name()));
        return new Tree(Collections.unmodifiableList(sorted));
    }

    public TreeEntry get(String name) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = PathRules.compareUtf8(entries.get(mid).name(), name);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return entries.get(mid);
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
