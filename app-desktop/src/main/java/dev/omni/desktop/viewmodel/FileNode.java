package dev.omni.desktop.viewmodel;

import dev.omni.core.model.TreeEntry;
import dev.omni.core.tree.Manifest;
import dev.omni.core.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A snapshot's file tree for the tree view: directories first hold their children. */
public final class FileNode {
    private final String name;
    private final String path;
    private final TreeEntry entry;
    private final List<FileNode> children = new ArrayList<>();

    FileNode(String name, String path, TreeEntry entry) {
        this.name = name;
        this.path = path;
        this.entry = entry;
    }

    /** The tree of a flat manifest (directories come before their contents, as {@link Manifest#flatten} gives them). */
    public static FileNode of(List<Manifest.Item> items) {
        FileNode root = new FileNode("", "", null);
        Map<String, FileNode> dirs = new HashMap<>();
        dirs.put("", root);
        for (Manifest.Item i : items) {
            int slash = i.path().lastIndexOf('/');
            String parent = slash < 0 ? "" : i.path().substring(0, slash);
            FileNode node = new FileNode(i.entry().name(), i.path(), i.entry());
            FileNode p = dirs.getOrDefault(parent, root);
            p.children.add(node);
            if (i.entry().isDir()) {
                dirs.put(i.path(), node);
            }
        }
        return root;
    }

    public String name() {
        return name;
    }

    public String path() {
        return path;
    }

    public TreeEntry entry() {
        return entry;
    }

    public boolean isDirectory() {
        return entry == null || entry.isDir();
    }

    public List<FileNode> children() {
        return children;
    }

    /** The node at {@code p}, or null. */
    public FileNode find(String p) {
        if (path.equals(p)) {
            return this;
        }
        for (FileNode c : children) {
            if (p.equals(c.path) || p.startsWith(c.path + "/")) {
                return c.find(p);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        if (entry == null) {
            return "/";
        }
        if (entry.isSymlink()) {
            return name + " → " + entry.target();
        }
        return entry.isFile() ? name + "   " + Bytes.human(entry.size()) + (entry.executable() ? "  (executable)" : "") : name + "/";
    }
}
