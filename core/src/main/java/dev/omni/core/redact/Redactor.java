package dev.omni.core.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Replaces the secrets {@link SecretRules} find with {@code [REDACTED:kind]}, in plain text or in
 * every string of a JSON document (content blocks, tool inputs). Text without a secret comes back as
 * the same string, so callers can tell by identity that nothing changed.
 */
public final class Redactor {
    private static final Redactor INSTANCE = new Redactor();

    public static Redactor standard() {
        return INSTANCE;
    }

    /** What was found: how many secrets of each kind. */
    public static final class Findings {
        private final Map<String, Integer> byKind = new TreeMap<>();

        void add(String kind) {
            byKind.merge(kind, 1, Integer::sum);
        }

        public Map<String, Integer> byKind() {
            return byKind;
        }

        public int total() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }

        public void addAll(Findings o) {
            o.byKind.forEach((k, v) -> byKind.merge(k, v, Integer::sum));
        }
    }

    /** {@code text} with its secrets replaced (the same instance when there are none). */
    public String redact(String text, Findings found) {
        if (text == null || text.length() < 8) {
            return text;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String out = text;
        for (SecretRules.Rule r : SecretRules.RULES) {
            if (!hasKeyword(lower, r)) {
                continue;
            }
            out = apply(out, r, found);
            if (out != text) {
                lower = out.toLowerCase(Locale.ROOT);
            }
        }
        return out;
    }

    private static boolean hasKeyword(String lower, SecretRules.Rule r) {
        for (String k : r.keywords()) {
            if (lower.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private static String apply(String text, SecretRules.Rule r, Findings found) {
        Matcher m = r.pattern().matcher(text);
        StringBuilder b = null;
        int last = 0;
        while (m.find()) {
            boolean grouped = r.pattern().pattern().contains("(?<secret>");
            int start = grouped ? m.start("secret") : m.start();
            int end = grouped ? m.end("secret") : m.end();
            String secret = text.substring(start, end);
            if (secret.startsWith("[REDACTED:") || (r.minEntropy() > 0 && !looksRandom(secret, r.minEntropy()))) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length());
            }
            b.append(text, last, start).append("[REDACTED:").append(r.kind()).append(']');
            last = end;
            found.add(r.kind());
        }
        if (b == null) {
            return text;
        }
        return b.append(text, last, text.length()).toString();
    }

    /** Random enough to be a secret: Shannon entropy per character, and letters mixed with digits. */
    static boolean looksRandom(String s, double minEntropy) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit && entropy(s) >= minEntropy;
    }

    static double entropy(String s) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / s.length();
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = (double) other / s.length();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    /** A JSON document with the secrets in its strings replaced (the same instance when there are none). */
    public String redactJson(String json, Findings found) {
        if (json == null) {
            return null;
        }
        // Cheap first: no keyword anywhere, nothing to do (the usual case).
        String lower = json.toLowerCase(Locale.ROOT);
        boolean any = false;
        for (SecretRules.Rule r : SecretRules.RULES) {
            if (hasKeyword(lower, r)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return json;
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(json);
        } catch (IOException e) {
            return redact(json, found);
        }
        Findings local = new Findings();
        JsonNode out = walk(n, local);
        if (local.total() == 0) {
            return json;
        }
        found.addAll(local);
        return out.toString();
    }

    private JsonNode walk(JsonNode n, Findings found) {
        if (n.isTextual()) {
            String t = n.asText();
            String r = redact(t, found);
            return r == t ? n : TextNode.valueOf(r);
        }
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                o.set(name, walk(o.get(name), found));
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, walk(a.get(i), found));
            }
            return a;
        }
        return n;
    }
}
