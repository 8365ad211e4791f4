package dev.omni.core.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits a JSON document as text, so that every byte outside the edited member or element stays as
 * it was: the user's order, indentation, spacing and line ends. The document is checked with
 * Jackson first (strict JSON); then a small scanner finds where each value starts and ends, and an
 * edit splices text, indented like its new siblings.
 */
final class JsonEdit {
    /** A value's span in the text: {@code [start, end)}. */
    abstract static sealed class Node permits Obj, Arr, Scalar {
        final int start;
        int end;

        Node(int start) {
            this.start = start;
        }
    }

    static final class Obj extends Node {
        final List<Member> members = new ArrayList<>();

        Obj(int start) {
            super(start);
        }

        Member member(String key) {
            for (Member m : members) {
                if (m.key.equals(key)) {
                    return m;
                }
            }
            return null;
        }
    }

    static final class Arr extends Node {
        final List<Node> items = new ArrayList<>();

        Arr(int start) {
            super(start);
        }
    }

    static final class Scalar extends Node {
        Scalar(int start) {
            super(start);
        }
    }

    /** {@code "key": value}: {@code keyStart} is where its quote is. */
    record Member(String key, int keyStart, Node value) {
    }

    private final String text;
    private int pos;

    private JsonEdit(String text) {
        this.text = text;
    }

    /** Parses {@code text}, which must be one JSON object; {@code what} names it in errors. */
    static Obj parse(String text, String what) {
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            JsonNode n = Json.mapper().readTree(p);
            if (n == null || !n.isObject()) {
                throw OmniException.invalid(what + " is not a JSON object; left as it is");
            }
            if (p.nextToken() != null) {
                throw OmniException.invalid(what + " has text after its JSON object; left as it is");
            }
        } catch (IOException e) {
            throw OmniException.invalid(what + " is not valid JSON (" + firstLine(e.getMessage()) + "); left as it is");
        }
        JsonEdit s = new JsonEdit(text);
        s.skipSpace();
        return (Obj) s.value();
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    private Node value() {
        char ch = text.charAt(pos);
        if (ch == '{') {
            Obj o = new Obj(pos++);
            skipSpace();
            if (text.charAt(pos) == '}') {
                o.end = ++pos;
                return o;
            }
            while (true) {
                skipSpace();
                int keyStart = pos;
                String key = string();
                skipSpace();
                pos++; // ':'
                skipSpace();
                o.members.add(new Member(key, keyStart, value()));
                skipSpace();
                if (text.charAt(pos++) == '}') {
                    o.end = pos;
                    return o;
                }
            }
        }
        if (ch == '[') {
            Arr a = new Arr(pos++);
            skipSpace();
            if (text.charAt(pos) == ']') {
                a.end = ++pos;
                return a;
            }
            while (true) {
                skipSpace();
                a.items.add(value());
                skipSpace();
                if (text.charAt(pos++) == ']') {
                    a.end = pos;
                    return a;
                }
            }
        }
        Scalar s = new Scalar(pos);
        if (ch == '"') {
            string();
        } else {
            while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
        }
        s.end = pos;
        return s;
    }

    /** Reads a string literal (already known to be valid) and returns its value. */
    private String string() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            char ch = text.charAt(pos++);
            if (ch == '"') {
                return b.toString();
            }
            if (ch == '\\') {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(ch);
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    // ---- edits: each returns the new text ----

    /** Sets {@code key} in object {@code o} to {@code valueJson} (pretty JSON, any indentation). */
    static String setMember(String text, Obj o, String key, String valueJson) {
        Member m = o.member(key);
        if (m != null) {
            String indent = lineIndent(text, m.keyStart);
            return text.substring(0, m.value().start) + reindent(valueJson, indent, text) + text.substring(m.value().end);
        }
        String member = quote(key) + ": ";
        if (o.members.isEmpty()) {
            String outer = lineIndent(text, o.start);
            String inner = outer + unit(text);
            return text.substring(0, o.start + 1) + newline(text) + inner + member + reindent(valueJson, inner, text) + newline(text)
                    + outer + text.substring(o.end - 1);
        }
        Member last = o.members.get(o.members.size() - 1);
        return insertAfter(text, o.members.get(0).keyStart, last.value().end, member, valueJson);
    }

    /** Appends {@code valueJson} to array {@code a}. */
    static String append(String text, Arr a, String valueJson) {
        if (a.items.isEmpty()) {
            String outer = lineIndent(text, a.start);
            String inner = outer + unit(text);
            return text.substring(0, a.start + 1) + newline(text) + inner + reindent(valueJson, inner, text) + newline(text) + outer
                    + text.substring(a.end - 1);
        }
        Node last = a.items.get(a.items.size() - 1);
        return insertAfter(text, a.items.get(0).start, last.end, "", valueJson);
    }

    /** Inserts {@code prefix + value} after the last child (ending at {@code lastEnd}), laid out like the first child. */
    private static String insertAfter(String text, int firstStart, int lastEnd, String prefix, String valueJson) {
        int lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
        boolean ownLine = text.substring(lineStart, firstStart).isBlank() && lineStart > 0;
        if (!ownLine) {
            // Children on one line: stay on it.
            return text.substring(0, lastEnd) + ", " + prefix + compact(valueJson) + text.substring(lastEnd);
        }
        String indent = text.substring(lineStart, firstStart);
        return text.substring(0, lastEnd) + "," + newline(text) + indent + prefix + reindent(valueJson, indent, text)
                + text.substring(lastEnd);
    }

    /** Removes member {@code m} from {@code o}, with the separator that went with it. */
    static String removeMember(String text, Obj o, Member m) {
        int i = o.members.indexOf(m);
        if (o.members.size() == 1) {
            return text.substring(0, o.start + 1) + text.substring(o.end - 1);
        }
        if (i > 0) {
            return text.substring(0, o.members.get(i - 1).value().end) + text.substring(m.value().end);
        }
        return text.substring(0, m.keyStart()) + text.substring(o.members.get(1).keyStart());
    }

    /** Removes element {@code i} of {@code a}, with its separator. */
    static String removeItem(String text, Arr a, int i) {
        if (a.items.size() == 1) {
            return text.substring(0, a.start + 1) + text.substring(a.end - 1);
        }
        if (i > 0) {
            return text.substring(0, a.items.get(i - 1).end) + text.substring(a.items.get(i).end);
        }
        return text.substring(0, a.items.get(0).start) + text.substring(a.items.get(1).start);
    }

    static String source(String text, Node n) {
        return text.substring(n.start, n.end);
    }

    /** The leading blanks of the line {@code at} is on. */
    private static String lineIndent(String text, int at) {
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** The document's indentation step: the first indented line's blanks, else two spaces. */
    private static String unit(String text) {
        for (String line : text.split("\n")) {
            int i = 0;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i > 0 && i < line.length()) {
                return line.substring(0, i);
            }
        }
        return "  ";
    }

    private static String newline(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** Pretty JSON (two-space indented) laid out at {@code indent} with the document's step and line ends. */
    private static String reindent(String json, String indent, String text) {
        String unit = unit(text);
        String[] lines = json.strip().split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replace("\r", "");
            int lead = 0;
            while (lead < l.length() && l.charAt(lead) == ' ') {
                lead++;
            }
            if (i > 0) {
                b.append(newline(text)).append(indent).append(unit.repeat(lead / 2));
            }
            b.append(l.substring(lead));
        }
        return b.toString();
    }

    private static String compact(String json) {
        try {
            return Json.mapper().writeValueAsString(Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String quote(String s) {
        try {
            return Json.mapper().writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
