package dev.omni.desktop.viewmodel;

import dev.omni.core.OmniException;
import dev.omni.core.memory.DecisionCategory;
import dev.omni.core.memory.Effort;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryHit;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import dev.omni.desktop.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The project's memory: search as you type (FTS5, highlighted snippets), filters by type and tag,
 * and an editor to add or change an item (decisions with rationale and category, next steps with
 * priority and effort) — {@code omni memory}, {@code omni decide} and {@code omni search} in a window.
 */
public final class MemoryViewModel {
    /** One item of the result list, with its snippet (or its content when nothing was searched). */
    public record Entry(MemoryItem item, List<Highlight> snippet, String meta) {
    }

    static final int LIST_LIMIT = 300;
    static final long DEBOUNCE_MS = 150;

    private final AppContext app;
    private String projectId;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObjectProperty<MemoryType> type = new SimpleObjectProperty<>(this, "type");
    private final StringProperty tag = new SimpleStringProperty(this, "tag");
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<Entry> results = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<MemoryItem> editing = new ReadOnlyObjectWrapper<>(this, "editing");
    private final ObjectProperty<MemoryType> editType = new SimpleObjectProperty<>(this, "editType", MemoryType.FACT);
    private final StringProperty editContent = new SimpleStringProperty(this, "editContent", "");
    private final StringProperty editRationale = new SimpleStringProperty(this, "editRationale", "");
    private final ObjectProperty<DecisionCategory> editCategory = new SimpleObjectProperty<>(this, "editCategory");
    private final StringProperty editTags = new SimpleStringProperty(this, "editTags", "");
    private final ObjectProperty<Integer> editPriority = new SimpleObjectProperty<>(this, "editPriority", 2);
    private final ObjectProperty<Effort> editEffort = new SimpleObjectProperty<>(this, "editEffort");
    private final ReadOnlyStringWrapper editTitle = new ReadOnlyStringWrapper(this, "editTitle", "New memory item");

    public MemoryViewModel(AppContext app) {
        this.app = app;
        query.addListener((o, was, now) -> search());
        type.addListener((o, was, now) -> search());
        tag.addListener((o, was, now) -> search());
        selected.addListener((o, was, now) -> {
            if (now != null) {
                edit(now.item());
            }
        });
        app.events().listen(this::search);
    }

    public void setProject(String id) {
        this.projectId = id;
        search();
    }

    private MemoryFilter filter() {
        MemoryFilter f = MemoryFilter.applyingTo(projectId).withType(type.get());
        String t = tag.get() == null ? "" : tag.get().trim();
        return t.isEmpty() || t.equals(ALL_TAGS) ? f : f.withTag(t);
    }

    /** What a tag filter of "every tag" shows as. */
    public static final String ALL_TAGS = "(every tag)";

    /** Runs the search for the current query and filters; a newer keystroke replaces a search still waiting. */
    public void search() {
        String q = query.get() == null ? "" : query.get().trim();
        MemoryFilter f = filter();
        Instant now = app.omni().now();
        app.tasks().submit(Task.of(q.isEmpty() ? "Loading memory" : "Searching memory for " + q, ctx -> {
            MemoryService m = new MemoryService(app.omni());
            List<Entry> out = new ArrayList<>();
            if (q.isEmpty()) {
                for (MemoryItem i : m.list(f.withLimit(LIST_LIMIT))) {
                    out.add(new Entry(i, List.of(new Highlight(i.content(), false)), meta(i, now)));
                }
            } else {
                try {
                    for (MemoryHit h : m.search(q, f.withLimit(LIST_LIMIT), false)) {
                        out.add(new Entry(h.item(), Highlight.parse(h.snippet()), meta(h.item(), now)));
                    }
                } catch (OmniException e) {
                    if (e.kind() != OmniException.Kind.INVALID_INPUT) {
                        throw e;
                    }
                    // Half-typed queries ("-", a lone quote) find nothing rather than shout.
                }
            }
            TreeSet<String> known = new TreeSet<>();
            m.list(MemoryFilter.applyingTo(projectId).withLimit(5000)).forEach(i -> known.addAll(i.tags()));
            return new Object[] {out, List.copyOf(known)};
        }).key("memory-search").delay(q.isEmpty() ? 0 : DEBOUNCE_MS).quiet().onSuccess(r -> {
            @SuppressWarnings("unchecked")
            List<Entry> out = (List<Entry>) r[0];
            @SuppressWarnings("unchecked")
            List<String> known = (List<String>) r[1];
            String keep = selected.get() == null ? null : selected.get().item().id();
            results.setAll(out);
            List<String> tagChoices = new ArrayList<>();
            tagChoices.add(ALL_TAGS);
            tagChoices.addAll(known);
            if (!tags.equals(tagChoices)) {
                tags.setAll(tagChoices);
            }
            summary.set(out.isEmpty() ? (q.isEmpty() ? "Nothing remembered yet." : "Nothing matches '" + q + "'.")
                    : (q.isEmpty() ? Plural.of(out.size(), "item") : Plural.of(out.size(), "match", "matches")) + (out.size() >= LIST_LIMIT ? " (the first " + LIST_LIMIT + ")" : ""));
            out.stream().filter(e -> e.item().id().equals(keep)).findFirst().ifPresent(selected::set);
        }));
    }

    static String meta(MemoryItem i, Instant now) {
        StringBuilder b = new StringBuilder(i.type().wire().replace('_', ' '));
        if (i.status() != null) {
            b.append(" · ").append(i.status().wire());
        }
        if (i.category() != null) {
            b.append(" · ").append(i.category().wire().replace('_', ' '));
        }
        if (i.global()) {
            b.append(" · all projects");
        }
        for (String t : i.tags()) {
            b.append(" #").append(t);
        }
        b.append(" · ").append(Times.ago(i.updatedAt(), now));
        return b.toString();
    }

    /** An empty editor for a new item (of the type being filtered for, else a fact). */
    public void newItem() {
        selected.set(null);
        editing.set(null);
        editTitle.set("New memory item");
        editType.set(type.get() == null ? MemoryType.FACT : type.get());
        editContent.set("");
        editRationale.set("");
        editCategory.set(null);
        editTags.set("");
        editPriority.set(2);
        editEffort.set(null);
    }

    private void edit(MemoryItem i) {
        editing.set(i);
        editTitle.set("Edit " + i.type().wire().replace('_', ' ') + " " + i.id().substring(Math.max(0, i.id().length() - 6)));
        editType.set(i.type());
        editContent.set(i.content());
        editRationale.set(i.rationale() == null ? "" : i.rationale());
        editCategory.set(i.category());
        editTags.set(String.join(", ", i.tags()));
        editPriority.set(i.priority() == null ? 2 : i.priority());
        editEffort.set(i.effort());
    }

    static List<String> parseTags(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split("[,\\s]+")).map(t -> t.startsWith("#") ? t.substring(1) : t).filter(t -> !t.isBlank()).toList();
    }

    /** Adds the item in the editor, or saves the changes to the one being edited. */
    public void save() {
        String content = editContent.get() == null ? "" : editContent.get().strip();
        if (content.isEmpty()) {
            app.notifications().error("Write what to remember first.");
            return;
        }
        MemoryItem current = editing.get();
        MemoryType t = editType.get() == null ? MemoryType.FACT : editType.get();
        String why = blankToNull(editRationale.get());
        List<String> tagList = parseTags(editTags.get());
        boolean next = t == MemoryType.NEXT_STEP;
        boolean decision = t == MemoryType.DECISION;
        String project = projectId;
        app.tasks().submit(Task.of(current == null ? "Remembering" : "Saving", ctx -> {
            MemoryService m = new MemoryService(app.omni());
            if (current == null) {
                if (decision) {
                    return m.decide(project, content, why, editCategory.get(), tagList, null).item();
                }
                return m.add(new MemoryService.NewItem(project, t, content, null, null, next ? editPriority.get() : null,
                        next ? editEffort.get() : null, tagList, null, AppContext.SOURCE, null));
            }
            return m.edit(current.id(), new MemoryService.Edit(content, t, decision ? (why == null ? "" : why) : null,
                    decision ? editCategory.get() : null, tagList, null, next ? editPriority.get() : null, next ? editEffort.get() : null));
        }).onSuccess(item -> {
            app.notifications().success((current == null ? "Remembered " : "Saved ") + item.type().wire().replace('_', ' ') + " "
                    + item.id() + ".");
            editing.set(item);
            app.events().changed();
            results.stream().filter(e -> e.item().id().equals(item.id())).findFirst().ifPresent(selected::set);
        }));
    }

    /** Removes the chosen item (soft: 'omni memory restore' brings it back). */
    public void remove() {
        MemoryItem current = editing.get();
        if (current == null) {
            return;
        }
        app.tasks().submit(Task.of("Removing", ctx -> new MemoryService(app.omni()).remove(current.id())).onSuccess(item -> {
            app.notifications().success("Removed " + item.id() + "; 'omni memory restore " + item.id() + "' brings it back.");
            newItem();
            app.events().changed();
        }));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObjectProperty<MemoryType> typeProperty() {
        return type;
    }

    public StringProperty tagProperty() {
        return tag;
    }

    public ObservableList<String> tags() {
        return tags;
    }

    public ObservableList<Entry> results() {
        return results;
    }

    public ObjectProperty<Entry> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MemoryItem> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    public ObjectProperty<MemoryType> editTypeProperty() {
        return editType;
    }

    public StringProperty editContentProperty() {
        return editContent;
    }

    public StringProperty editRationaleProperty() {
        return editRationale;
    }

    public ObjectProperty<DecisionCategory> editCategoryProperty() {
        return editCategory;
    }

    public StringProperty editTagsProperty() {
        return editTags;
    }

    public ObjectProperty<Integer> editPriorityProperty() {
        return editPriority;
    }

    public ObjectProperty<Effort> editEffortProperty() {
        return editEffort;
    }

    public ReadOnlyStringProperty editTitleProperty() {
        return editTitle.getReadOnlyProperty();
    }
}
