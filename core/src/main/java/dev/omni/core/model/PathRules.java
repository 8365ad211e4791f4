package dev.omni.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * What a name and a relative path may look like. Everything read from outside (an archive, a
 * manifest from a server) passes these checks before a byte is written.
 */
public final class PathRules {
    /** Orders names by their UTF-8 bytes, the order of entries in a tree. */
    public static final Comparator<String> UTF8_ORDER = PathRules::compareUtf8;

    private PathRules() {
    }

    /** Throws {@link IllegalArgumentException} unless {@code name} is a valid single path segment. */
    public static void checkName(String name) {
        String why = whyBadName(name);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
    }

    public static String whyBadName(String name) {
        if (name == null || name.isEmpty()) {
            return "empty name";
        }
        if (name.equals(".") || name.equals("..")) {
            return "name '" + name + "' is not allowed";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                return "name contains '/': " + printable(name);
            }
            if (c == '\0') {
                return "name contains a NUL character: " + printable(name);
            }
        }
        return null;
    }

    /**
     * Why {@code path} is not a valid relative path ({@code a/b/c}: no leading or trailing slash,
     * no empty, '.' or '..' segment, no NUL, no backslash-separated escape), or null when it is.
     */
    public static String whyBadPath(String path) {
        if (path == null || path.isEmpty()) {
            return "empty path";
        }
        if (path.startsWith("/")) {
            return "absolute path: " + printable(path);
        }
        if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            return "absolute path: " + printable(path);
        }
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            String seg = slash < 0 ? path.substring(start) : path.substring(start, slash);
            if (seg.equals("..")) {
                return "path escapes with '..': " + printable(path);
            }
            String why = whyBadName(seg);
            if (why != null) {
                return why + " in path " + printable(path);
            }
            if (slash < 0) {
                return null;
            }
            start = slash + 1;
        }
    }

    public static void checkPath(String path) {
        String why = whyBadPath(path);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
    }

    public static int compareUtf8(String a, String b) {
        // Fast path: UTF-16 order equals UTF-8 byte order unless surrogates meet chars >= U+E000.
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa == sb) {
                    return ca - cb;
                }
                // A surrogate (a code point >= U+10000) sorts after every BMP char in UTF-8.
                return sa ? 1 : -1;
            }
        }
        return a.length() - b.length();
    }

    /** Joins a parent path ("" for the root) and a name. */
    public static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    /** Renders control characters visibly so that an error message stays on one line. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                b.append("\\0");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
