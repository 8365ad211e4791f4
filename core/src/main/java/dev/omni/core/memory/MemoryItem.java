package dev.omni.core.memory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One thing a project (or, with a null project, every project) has learned: a fact, a decision
 * with its rationale and category, a preference, a next step with status, priority and effort, a
 * note, a skill or an event. {@code (updatedAt, deviceId)} orders concurrent changes (last writer
 * wins); {@code accessCount} and {@code accessedAt} are local statistics.
 */
public record MemoryItem(String id, String projectId, MemoryType type, String content, String rationale,
                         DecisionCategory category, NextStatus status, Integer priority, Effort effort, List<String> tags,
                         double importance, String sourceKind, String sourceId, long accessCount, Instant accessedAt,
                         Instant createdAt, Instant updatedAt, Instant deletedAt, String deviceId, long version) {
    public MemoryItem {
        tags = normalizeTags(tags);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean global() {
        return projectId == null;
    }

    /** Tags as stored: trimmed, lowercase, unique, sorted. */
    public static List<String> normalizeTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        TreeSet<String> s = new TreeSet<>();
        for (String t : tags) {
            if (t != null && !t.isBlank()) {
                s.add(t.trim().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(s);
    }

    /** Whether this change is newer than {@code other} under last-writer-wins. */
    public boolean newerThan(MemoryItem other) {
        int c = updatedAt.compareTo(other.updatedAt);
        return c != 0 ? c > 0 : deviceId.compareTo(other.deviceId) > 0;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A changed copy of an item. */
    public static final class Builder {
        private String id;
        private String projectId;
        private MemoryType type;
        private String content;
        private String rationale;
        private DecisionCategory category;
        private NextStatus status;
        private Integer priority;
        private Effort effort;
        private List<String> tags;
        private double importance;
        private String sourceKind;
        private String sourceId;
        private long accessCount;
        private Instant accessedAt;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant deletedAt;
        private String deviceId;
        private long version;

        public Builder() {
            this.tags = List.of();
            this.importance = 0.5;
            this.version = 1;
        }

        Builder(MemoryItem m) {
            id = m.id;
            projectId = m.projectId;
            type = m.type;
            content = m.content;
            rationale = m.rationale;
            category = m.category;
            status = m.status;
            priority = m.priority;
            effort = m.effort;
            tags = m.tags;
            importance = m.importance;
            sourceKind = m.sourceKind;
            sourceId = m.sourceId;
            accessCount = m.accessCount;
            accessedAt = m.accessedAt;
            createdAt = m.createdAt;
            updatedAt = m.updatedAt;
            deletedAt = m.deletedAt;
            deviceId = m.deviceId;
            version = m.version;
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder projectId(String v) {
            projectId = v;
            return this;
        }

        public Builder type(MemoryType v) {
            type = v;
            return this;
        }

        public Builder content(String v) {
            content = v;
            return this;
        }

        public Builder rationale(String v) {
            rationale = v;
            return this;
        }

        public Builder category(DecisionCategory v) {
            category = v;
            return this;
        }

        public Builder status(NextStatus v) {
            status = v;
            return this;
        }

        public Builder priority(Integer v) {
            priority = v;
            return this;
        }

        public Builder effort(Effort v) {
            effort = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = v;
            return this;
        }

        public Builder importance(double v) {
            importance = v;
            return this;
        }

        public Builder source(String kind, String sourceRef) {
            sourceKind = kind;
            sourceId = sourceRef;
            return this;
        }

        public Builder access(long count, Instant at) {
            accessCount = count;
            accessedAt = at;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        public Builder deletedAt(Instant v) {
            deletedAt = v;
            return this;
        }

        public Builder deviceId(String v) {
            deviceId = v;
            return this;
        }

        public Builder version(long v) {
            version = v;
            return this;
        }

        public MemoryItem build() {
            return new MemoryItem(id, projectId, type, content, rationale, category, status, priority, effort, tags, importance,
                    sourceKind, sourceId, accessCount, accessedAt, createdAt, updatedAt, deletedAt, deviceId, version);
        }
    }
}
