package dev.omni.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.omni.core.OmniException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits a TOML file (Codex's {@code config.toml}) line by line, so that every other line stays as it
 * was: a table ({@code [mcp_servers.omni]}) is appended, replaced or removed whole, a top-level key
 * ({@code notify}) is set or removed on its own lines. The file is parsed before and after each edit
 * (Jackson's TOML reader), and an edit that cannot be made this way (the key defined elsewhere, as a
 * dotted key or an inline table) is refused with the file left alone.
 */
final class TomlEdit {
    private TomlEdit() {
    }

    static JsonNode parse(String text, String what) {
        try {
            JsonNode n = new TomlMapper().readTree(text);
            return n == null ? new TomlMapper().createObjectNode() : n;
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            throw OmniException.invalid(what + " is not valid TOML (" + (nl < 0 ? m : m.substring(0, nl)) + "); left as it is");
        }
    }

    /** The lines of {@code text}, each with its line end. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            int end = nl < 0 ? text.length() : nl + 1;
            out.add(text.substring(i, end));
            i = end;
        }
        return out;
    }

    private static boolean isHeader(String line) {
        String t = line.strip();
        return t.startsWith("[") && !t.startsWith("[[") ? t.indexOf(']') > 0 : t.startsWith("[[");
    }

    private static String headerName(String line) {
        String t = line.strip();
        if (t.startsWith("[[")) {
            return null;
        }
        int close = t.indexOf(']');
        return t.substring(1, close).replace(" ", "").replace("\"", "");
    }

    /** Line range {@code [from, to)} of table {@code name}'s header and body, or null. */
    private static int[] table(List<String> lines, String name) {
        for (int i = 0; i < lines.size(); i++) {
            if (isHeader(lines.get(i)) && name.equals(headerName(lines.get(i)))) {
                int j = i + 1;
                while (j < lines.size() && !isHeader(lines.get(j))) {
                    j++;
                }
                // Blank lines and comments before the next table belong to it, not to this one.
                while (j - 1 > i && (lines.get(j - 1).isBlank() || lines.get(j - 1).strip().startsWith("#")) && j < lines.size()) {
                    j--;
                }
                return new int[] {i, j};
            }
        }
        return null;
    }

    /** Sets table {@code name} to {@code body} (its lines, without the header). */
    static String setTable(String text, String name, String body, String what) {
        JsonNode before = parse(text, what);
        List<String> lines = lines(text);
        int[] t = table(lines, name);
        String block = "[" + name + "]\n" + body;
        String out;
        if (t != null) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < t[0]; i++) {
                b.append(lines.get(i));
            }
            b.append(block);
            for (int i = t[1]; i < lines.size(); i++) {
                b.append(lines.get(i));
            }
            out = b.toString();
        } else {
            if (at(before, name) != null) {
                throw OmniException.conflict(what + " defines " + name + " in a form omni does not edit (a dotted key or an inline"
                        + " table); change it by hand");
            }
            out = text.isEmpty() ? block : text + (text.endsWith("\n") ? "\n" : "\n\n") + block;
        }
        parse(out, what + " after the edit");
        return out;
    }

    /** Removes table {@code name} (and the blank line before it); unchanged when it is not there. */
    static String removeTable(String text, String name, String what) {
        parse(text, what);
        List<String> lines = lines(text);
        int[] t = table(lines, name);
        if (t == null) {
            return text;
        }
        int from = t[0];
        if (from > 0 && lines.get(from - 1).isBlank()) {
            from--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < from; i++) {
            b.append(lines.get(i));
        }
        for (int i = t[1]; i < lines.size(); i++) {
            b.append(lines.get(i));
        }
        String out = b.toString();
        parse(out, what + " after the edit");
        return out;
    }

    /** The body lines of table {@code name}, or null. */
    static String tableBody(String text, String name) {
        List<String> lines = lines(text);
        int[] t = table(lines, name);
        if (t == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = t[0] + 1; i < t[1]; i++) {
            b.append(lines.get(i));
        }
        return b.toString();
    }

    /** Line range of top-level key {@code key} (before the first table), or null. */
    private static int[] topLevel(List<String> lines, String key) {
        for (int i = 0; i < lines.size() && !isHeader(lines.get(i)); i++) {
            String t = lines.get(i).strip();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).strip().replace("\"", "").equals(key)) {
                int depth = 0;
                int j = i;
                do {
                    depth += brackets(lines.get(j));
                    j++;
                } while (depth > 0 && j < lines.size());
                return new int[] {i, j};
            }
        }
        return null;
    }

    /** Net opening brackets on a line, outside strings and comments. */
    private static int brackets(String line) {
        int d = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                break;
            } else if (c == '[' || c == '{') {
                d++;
            } else if (c == ']' || c == '}') {
                d--;
            }
        }
        return d;
    }

    /** The text of top-level key {@code key}'s line(s), or null. */
    static String topLevelLine(String text, String key) {
        List<String> lines = lines(text);
        int[] r = topLevel(lines, key);
        if (r == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = r[0]; i < r[1]; i++) {
            b.append(lines.get(i));
        }
        return b.toString();
    }

    /** Sets top-level {@code key = value} on one line, before the first table. */
    static String setTopLevel(String text, String key, String valueToml, String what) {
        parse(text, what);
        List<String> lines = lines(text);
        int[] r = topLevel(lines, key);
        String line = key + " = " + valueToml + "\n";
        StringBuilder b = new StringBuilder();
        if (r != null) {
            for (int i = 0; i < r[0]; i++) {
                b.append(lines.get(i));
            }
            b.append(line);
            for (int i = r[1]; i < lines.size(); i++) {
                b.append(lines.get(i));
            }
        } else {
            int first = 0;
            while (first < lines.size() && !isHeader(lines.get(first))) {
                first++;
            }
            for (int i = 0; i < first; i++) {
                b.append(lines.get(i));
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
                b.append('\n');
            }
            b.append(line);
            for (int i = first; i < lines.size(); i++) {
                b.append(lines.get(i));
            }
        }
        String out = b.toString();
        parse(out, what + " after the edit");
        return out;
    }

    static String removeTopLevel(String text, String key, String what) {
        parse(text, what);
        List<String> lines = lines(text);
        int[] r = topLevel(lines, key);
        if (r == null) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i < r[0] || i >= r[1]) {
                b.append(lines.get(i));
            }
        }
        String out = b.toString();
        parse(out, what + " after the edit");
        return out;
    }

    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    /** A TOML basic string. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String array(List<String> items) {
        List<String> q = items.stream().map(TomlEdit::string).toList();
        return "[" + String.join(", ", q) + "]";
    }
}
