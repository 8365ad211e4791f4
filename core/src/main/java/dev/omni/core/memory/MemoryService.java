package dev.omni.core.memory;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.util.FtsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A project's memory: remember, decide, plan next steps, read, change, forget and restore, search.
 * Every change goes to the item's history and to the outbox in the same transaction as the item.
 */
public final class MemoryService {
    private final Omni omni;

    public MemoryService(Omni omni) {
        this.omni = omni;
    }

    /** What to remember; null fields take their defaults. {@code projectId} null: global. */
    public record NewItem(String projectId, MemoryType type, String content, String rationale, DecisionCategory category,
                          Integer priority, Effort effort, List<String> tags, Double importance, String sourceKind,
                          String sourceId) {
        public static NewItem of(String projectId, MemoryType type, String content) {
            return new NewItem(projectId, type, content, null, null, null, null, List.of(), null, null, null);
        }
    }

    public MemoryItem add(NewItem n) {
        String device = omni.machineId();
        Instant now = omni.now();
        boolean next = n.type() == MemoryType.NEXT_STEP;
        MemoryItem m = new MemoryItem.Builder()
                .id(omni.newId())
                .projectId(n.projectId())
                .type(n.type())
                .content(clean(n.content()))
                .rationale(blankToNull(n.rationale()))
                .category(n.category())
                .status(next ? NextStatus.PENDING : null)
                .priority(next && n.priority() == null ? Integer.valueOf(2) : n.priority())
                .effort(n.effort())
                .tags(n.tags())
                .importance(n.importance() == null ? 0.5 : n.importance())
                .source(n.sourceKind() == null ? "cli" : n.sourceKind(), n.sourceId())
                .createdAt(now)
                .updatedAt(now)
                .deviceId(device)
                .build();
        MemoryRules.check(m);
        omni.db().write(c -> {
            Memories.write(c, m, "create");
            return null;
        });
        return m;
    }

    /** The result of {@link #decide}: the decision, and whether it is new or was changed. */
    public record Decided(MemoryItem item, boolean created, boolean changed) {
    }

    /**
     * Records a decision. The same decision twice in one project is one item (seed 001 keeps
     * decisions unique per project): a second call only updates its rationale, category or tags.
     */
    public Decided decide(String projectId, String decision, String why, DecisionCategory category, List<String> tags,
                          Double importance) {
        String text = clean(decision);
        MemoryItem existing = omni.db().read(c -> Memories.liveDecision(c, projectId, text)).orElse(null);
        if (existing == null) {
            return new Decided(add(new NewItem(projectId, MemoryType.DECISION, text, why, category, null, null, tags, importance,
                    null, null)), true, false);
        }
        List<String> merged = new ArrayList<>(existing.tags());
        if (tags != null) {
            merged.addAll(tags);
        }
        Edit e = new Edit(null, null, why, category, merged, importance, null, null);
        MemoryItem after = edit(existing.id(), e);
        return new Decided(after, false, after.version() != existing.version());
    }

    /** The item, without counting an access. */
    public MemoryItem get(String key) {
        return omni.db().read(c -> Memories.resolve(c, key));
    }

    /** The item, read by someone: counts an access. */
    public MemoryItem read(String key) {
        Instant now = omni.now();
        return omni.db().write(c -> {
            MemoryItem m = Memories.resolve(c, key);
            Memories.countAccess(c, List.of(m.id()), now);
            return m.toBuilder().access(m.accessCount() + 1, now).build();
        });
    }

    public List<MemoryItem> list(MemoryFilter f) {
        return omni.db().read(c -> Memories.list(c, f));
    }

    public List<HistoryEntry> history(String key) {
        return omni.db().read(c -> Memories.history(c, Memories.resolve(c, key).id()));
    }

    /** A change to an item; null fields stay as they are ({@code tags}: the full new list). */
    public record Edit(String content, MemoryType type, String rationale, DecisionCategory category, List<String> tags,
                       Double importance, Integer priority, Effort effort) {
        public static Edit content(String text) {
            return new Edit(text, null, null, null, null, null, null, null);
        }
    }

    /** Applies {@code e}; an edit that changes nothing records nothing and returns the item as it was. */
    public MemoryItem edit(String key, Edit e) {
        return change(key, m -> {
            if (m.deleted()) {
                throw new OmniException(OmniException.Kind.CONFLICT, OmniException.Reason.MEMORY_ITEM_REMOVED,
                        "memory item " + m.id() + " is removed", java.util.Map.of("id", m.id()));
            }
            MemoryItem.Builder b = m.toBuilder();
            if (e.content() != null) {
                b.content(clean(e.content()));
            }
            if (e.type() != null && e.type() != m.type()) {
                b.type(e.type());
                boolean next = e.type() == MemoryType.NEXT_STEP;
                b.status(next ? NextStatus.PENDING : null).priority(next ? Integer.valueOf(2) : null).effort(next ? m.effort() : null);
                if (e.type() != MemoryType.DECISION) {
                    b.category(null);
                }
            }
            if (e.rationale() != null) {
                b.rationale(blankToNull(e.rationale()));
            }
            if (e.category() != null) {
                b.category(e.category());
            }
            if (e.tags() != null) {
                b.tags(e.tags());
            }
            if (e.importance() != null) {
                b.importance(e.importance());
            }
            if (e.priority() != null) {
                b.priority(e.priority());
            }
            if (e.effort() != null) {
                b.effort(e.effort());
            }
            return b;
        }, "update");
    }

    /** Soft delete: hidden from lists, search and context until {@link #restore}. */
    public MemoryItem remove(String key) {
        Instant now = omni.now();
        return change(key, m -> m.deleted() ? m.toBuilder() : m.toBuilder().deletedAt(now), "delete");
    }

    public MemoryItem restore(String key) {
        return change(key, m -> m.toBuilder().deletedAt(null), "restore");
    }

    /** Moves a next step to {@code status}. */
    public MemoryItem setStatus(String key, NextStatus status) {
        return change(key, m -> {
            if (m.type() != MemoryType.NEXT_STEP) {
                throw OmniException.invalid(m.id() + " is a " + m.type().wire() + ", not a next step");
            }
            if (m.deleted()) {
                throw new OmniException(OmniException.Kind.CONFLICT, OmniException.Reason.MEMORY_ITEM_REMOVED,
                        "next step " + m.id() + " is removed", java.util.Map.of("id", m.id()));
            }
            return m.toBuilder().status(status);
        }, "update");
    }

    /**
     * Searches live items: FTS5 with BM25 (stemming, accent folding, prefixes, phrases), filtered by
     * {@code f}. With {@code countAccess} the items returned count a read.
     */
    public List<MemoryHit> search(String query, MemoryFilter f, boolean countAccess) {
        String match = FtsQuery.parse(query);
        if (match == null) {
            throw OmniException.invalid("nothing to search for in '" + query + "'");
        }
        if (!countAccess) {
            return omni.db().read(c -> Memories.search(c, match, f));
        }
        Instant now = omni.now();
        return omni.db().write(c -> {
            List<MemoryHit> hits = Memories.search(c, match, f);
            Memories.countAccess(c, hits.stream().map(h -> h.item().id()).toList(), now);
            return hits;
        });
    }

    /** The open next steps that apply in {@code projectId}: started first, then by priority and age. */
    public List<MemoryItem> openNextSteps(String projectId) {
        MemoryFilter f = MemoryFilter.applyingTo(projectId).withType(MemoryType.NEXT_STEP)
                .withStatuses(Set.of(NextStatus.PENDING, NextStatus.STARTED));
        List<MemoryItem> l = new ArrayList<>(list(f));
        l.sort(NEXT_ORDER);
        return l;
    }

    /** Started before pending, then priority 1 before 3, then oldest first. */
    public static final java.util.Comparator<MemoryItem> NEXT_ORDER = java.util.Comparator
            .comparing((MemoryItem m) -> m.status() == NextStatus.STARTED ? 0 : m.status() == NextStatus.PENDING ? 1 : 2)
            .thenComparing(m -> m.priority() == null ? 2 : m.priority())
            .thenComparing(MemoryItem::createdAt);

    /** How a change transforms an item. */
    @FunctionalInterface
    private interface Change {
        MemoryItem.Builder apply(MemoryItem m);
    }

    /**
     * Reads, changes and writes one item in one transaction. A change that leaves the item as it was
     * writes nothing; any other bumps the version and moves {@code updated_at} past the last change,
     * even when the clock went back, so that last-writer-wins keeps this change.
     */
    private MemoryItem change(String key, Change change, String op) {
        String device = omni.machineId();
        Instant now = omni.now();
        return omni.db().write(c -> {
            MemoryItem before = Memories.resolve(c, key);
            MemoryItem draft = change.apply(before).build();
            if (sameContent(before, draft)) {
                return before;
            }
            Instant at = now.isAfter(before.updatedAt()) ? now : before.updatedAt().plusMillis(1);
            MemoryItem after = draft.toBuilder().updatedAt(at).deviceId(device).version(before.version() + 1).build();
            MemoryRules.check(after);
            Memories.write(c, after, op);
            return after;
        });
    }

    static boolean sameContent(MemoryItem a, MemoryItem b) {
        return Objects.equals(a.projectId(), b.projectId()) && a.type() == b.type() && a.content().equals(b.content())
                && Objects.equals(a.rationale(), b.rationale()) && a.category() == b.category() && a.status() == b.status()
                && Objects.equals(a.priority(), b.priority()) && a.effort() == b.effort() && a.tags().equals(b.tags())
                && a.importance() == b.importance() && Objects.equals(a.deletedAt(), b.deletedAt());
    }

    /** Trailing blanks and line ends go; inner ones stay (a memory may be a list). */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        return text.strip().replace("\r\n", "\n");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Applies another device's version of an item (sync), without an outbox entry: last writer wins
     * by {@code (updated_at, device_id)}; the losing version stays in the item's history. Joins the
     * caller's write transaction.
     */
    public dev.omni.core.outbox.Applied applyRemote(MemoryItem remote, String op) {
        return omni.db().write(c -> Memories.applyRemote(c, remote, op));
    }

    /** Every item, removed ones too, oldest change first (for sync). */
    public List<MemoryItem> all() {
        return omni.db().read(Memories::all);
    }
}
