package dev.omni.core.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * git's ignore rules, matched by JGit: {@code .gitignore} and {@code .omniignore} at every level
 * (deeper files win; at one level {@code .omniignore} wins over {@code .gitignore}), then
 * {@code .git/info/exclude}. Built in: {@code .git} anywhere and {@code .omni} at the root.
 * Immutable: a directory's rules are its parent's plus its own files.
 */
public final class IgnoreRules {
    public static final String GITIGNORE = ".gitignore";
    public static final String OMNIIGNORE = ".omniignore";

    private final IgnoreRules parent;
    private final IgnoreNode node;
    /** The directory the node's patterns are relative to, as a prefix of workspace paths ("" or "a/b/"). */
    private final String base;
    /** Extra leading path when the rules live above the workspace root (a git work tree around it). */
    private final String outerPrefix;

    private IgnoreRules(IgnoreRules parent, IgnoreNode node, String base, String outerPrefix) {
        this.parent = parent;
        this.node = node;
        this.base = base;
        this.outerPrefix = outerPrefix;
    }

    /** No rules at all (only the built-in ones). */
    public static IgnoreRules none() {
        return new IgnoreRules(null, null, "", "");
    }

    /**
     * The rules that hold at the workspace root: {@code .git/info/exclude} and the {@code .gitignore}
     * files of an enclosing git work tree above the root.
     */
    public static IgnoreRules forRoot(Path root) throws IOException {
        IgnoreRules rules = none();
        Path gitTop = null;
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                gitTop = p;
                break;
            }
        }
        if (gitTop == null) {
            return rules;
        }
        String prefix = gitTop.equals(root) ? "" : gitTop.relativize(root).toString().replace('\\', '/') + "/";
        Path exclude = gitTop.resolve(".git/info/exclude");
        if (Files.isRegularFile(exclude)) {
            rules = rules.with(parse(exclude), "", prefix);
        }
        // .gitignore files between the git top and the workspace root (exclusive), outermost first.
        if (!prefix.isEmpty()) {
            Path dir = gitTop;
            String rel = "";
            for (Path seg : gitTop.relativize(root)) {
                Path f = dir.resolve(GITIGNORE);
                if (Files.isRegularFile(f)) {
                    rules = rules.with(parse(f), "", prefix.substring(rel.length()));
                }
                dir = dir.resolve(seg);
                rel = rel + seg + "/";
            }
        }
        return rules;
    }

    /** These rules plus the ignore files found in directory {@code dirPath} ("" = root). */
    public IgnoreRules child(Path dir, String dirPath, boolean hasGitignore, boolean hasOmniignore) throws IOException {
        IgnoreRules r = this;
        String base = dirPath.isEmpty() ? "" : dirPath + "/";
        if (hasGitignore) {
            r = r.with(parse(dir.resolve(GITIGNORE)), base, "");
        }
        if (hasOmniignore) {
            r = r.with(parse(dir.resolve(OMNIIGNORE)), base, "");
        }
        return r;
    }

    private IgnoreRules with(IgnoreNode n, String base, String outerPrefix) {
        if (n == null || n.getRules().isEmpty()) {
            return this;
        }
        return new IgnoreRules(this, n, base, outerPrefix);
    }

    private static IgnoreNode parse(Path f) throws IOException {
        IgnoreNode n = new IgnoreNode();
        try (InputStream in = Files.newInputStream(f)) {
            n.parse(in);
        }
        return n;
    }

    /** Whether the workspace path {@code path} (a name for the root's children) is ignored. */
    public boolean isIgnored(String path, String name, boolean isDirectory) {
        if (name.equals(".git")) {
            return true;
        }
        if (name.equals(".omni") && path.equals(name)) {
            return true;
        }
        for (IgnoreRules r = this; r != null && r.node != null; r = r.parent) {
            String rel = r.outerPrefix + path.substring(r.base.length());
            Boolean result = r.node.checkIgnored(rel, isDirectory);
            if (result != null) {
                return result;
            }
        }
        return false;
    }
}
