package dev.omni.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical bytes of a tree: a JSON array of entry objects in name order (UTF-8 bytes), keys in
 * lexicographic order, no whitespace, strings escaped as RFC 8785 does. A tree's id is the SHA-256
 * of these bytes, so the encoding must never change.
 *
 * <pre>
 * [{"hash":"…","mode":"644","name":"a.txt","size":3,"type":"file"},
 *  {"hash":"…","name":"src","type":"dir"},
 *  {"name":"link","target":"a.txt","type":"symlink"}]
 * </pre>
 */
public final class TreeCodec {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private TreeCodec() {
    }

    public static byte[] encode(Tree tree) {
        Out out = new Out(64 + tree.entries().size() * 128);
        out.put('[');
        boolean first = true;
        for (TreeEntry e : tree.entries()) {
            if (!first) {
                out.put(',');
            }
            first = false;
            switch (e.type()) {
                case FILE -> {
                    out.ascii("{\"hash\":\"");
                    out.hex(e.hash());
                    out.ascii(e.executable() ? "\",\"mode\":\"755\",\"name\":" : "\",\"mode\":\"644\",\"name\":");
                    out.string(e.name());
                    out.ascii(",\"size\":");
                    out.ascii(Long.toString(e.size()));
                    out.ascii(",\"type\":\"file\"}");
                }
                case DIR -> {
                    out.ascii("{\"hash\":\"");
                    out.hex(e.hash());
                    out.ascii("\",\"name\":");
                    out.string(e.name());
                    out.ascii(",\"type\":\"dir\"}");
                }
                case SYMLINK -> {
                    out.ascii("{\"name\":");
                    out.string(e.name());
                    out.ascii(",\"target\":");
                    out.string(e.target());
                    out.ascii(",\"type\":\"symlink\"}");
                }
                default -> throw new IllegalStateException();
            }
        }
        out.put(']');
        return out.bytes();
    }

    public static ObjectId id(Tree tree) {
        return Hashing.sha256(encode(tree));
    }

    /**
     * Parses canonical tree bytes. Anything else (bad JSON, unknown or missing fields, unsorted or
     * duplicate names, invalid names, a non-canonical encoding) is a {@link MalformedTreeException}.
     */
    public static Tree decode(byte[] bytes) throws MalformedTreeException {
        Tree tree = parse(bytes);
        if (!Arrays.equals(encode(tree), bytes)) {
            throw new MalformedTreeException("not in canonical form");
        }
        return tree;
    }

    /**
     * Parses a tree that omni wrote itself (read back from the local store, whose objects are
     * checked against their ids): every entry is validated, but the canonical form is not checked
     * by encoding the tree again.
     */
    public static Tree decodeTrusted(byte[] bytes) throws MalformedTreeException {
        return parse(bytes);
    }

    private static Tree parse(byte[] bytes) throws MalformedTreeException {
        List<TreeEntry> entries = new ArrayList<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedTreeException("a tree is a JSON array");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                entries.add(readEntry(p));
            }
            if (t != JsonToken.END_ARRAY || p.nextToken() != null) {
                throw new MalformedTreeException("unexpected content after the entries");
            }
        } catch (IOException e) {
            throw new MalformedTreeException("not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        try {
            return new Tree(entries);
        } catch (IllegalArgumentException e) {
            throw new MalformedTreeException(e.getMessage());
        }
    }

    private static TreeEntry readEntry(JsonParser p) throws IOException, MalformedTreeException {
        String name = null;
        String type = null;
        String hash = null;
        String mode = null;
        String target = null;
        long size = -1;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "name" -> name = text(p, v, field);
                case "type" -> type = text(p, v, field);
                case "hash" -> hash = text(p, v, field);
                case "mode" -> mode = text(p, v, field);
                case "target" -> target = text(p, v, field);
                case "size" -> {
                    if (v != JsonToken.VALUE_NUMBER_INT) {
                        throw new MalformedTreeException("size must be an integer");
                    }
                    size = p.getLongValue();
                }
                default -> throw new MalformedTreeException("unknown field '" + field + "'");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new MalformedTreeException("an entry is a JSON object");
        }
        if (name == null || type == null) {
            throw new MalformedTreeException("an entry needs a name and a type");
        }
        try {
            return switch (type) {
                case "file" -> {
                    if (hash == null || size < 0 || mode == null || target != null) {
                        throw new MalformedTreeException("file " + PathRules.printable(name) + " needs hash, mode, size");
                    }
                    if (!mode.equals("644") && !mode.equals("755")) {
                        throw new MalformedTreeException("mode must be 644 or 755, not " + mode);
                    }
                    yield TreeEntry.file(name, mode.equals("755"), size, parseId(hash));
                }
                case "dir" -> {
                    if (hash == null || mode != null || size >= 0 || target != null) {
                        throw new MalformedTreeException("dir " + PathRules.printable(name) + " needs only a hash");
                    }
                    yield TreeEntry.dir(name, parseId(hash));
                }
                case "symlink" -> {
                    if (target == null || hash != null || mode != null || size >= 0) {
                        throw new MalformedTreeException("symlink " + PathRules.printable(name) + " needs only a target");
                    }
                    yield TreeEntry.symlink(name, target);
                }
                default -> throw new MalformedTreeException("unknown entry type '" + type + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedTreeException(e.getMessage());
        }
    }

    private static ObjectId parseId(String hex) throws MalformedTreeException {
        if (!ObjectId.isValid(hex)) {
            throw new MalformedTreeException("not an object id: " + hex);
        }
        return ObjectId.parse(hex);
    }

    private static String text(JsonParser p, JsonToken v, String field) throws IOException, MalformedTreeException {
        if (v != JsonToken.VALUE_STRING) {
            throw new MalformedTreeException(field + " must be a string");
        }
        return p.getText();
    }

    /** A growable byte buffer; unlike ByteArrayOutputStream it takes no lock per byte. */
    private static final class Out {
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private byte[] buf;
        private int len;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        void put(char c) {
            ensure(1);
            buf[len++] = (byte) c;
        }

        void ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        void raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void hex(ObjectId id) {
            ensure(2 * ObjectId.LENGTH);
            byte[] tmp = new byte[ObjectId.LENGTH];
            id.copyTo(tmp, 0);
            for (byte x : tmp) {
                buf[len++] = HEX[(x >> 4) & 15];
                buf[len++] = HEX[x & 15];
            }
        }

        /** RFC 8785 string serialisation: only '"', '\\' and control characters are escaped. */
        void string(String s) {
            put('"');
            int n = s.length();
            boolean plain = true;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
                    plain = false;
                    break;
                }
            }
            if (plain) {
                ascii(s);
            } else {
                int runStart = 0;
                for (int i = 0; i < n; i++) {
                    char c = s.charAt(i);
                    if (c < 0x20 || c == '"' || c == '\\') {
                        if (i > runStart) {
                            raw(s.substring(runStart, i).getBytes(StandardCharsets.UTF_8));
                        }
                        runStart = i + 1;
                        switch (c) {
                            case '"' -> ascii("\\\"");
                            case '\\' -> ascii("\\\\");
                            case '\b' -> ascii("\\b");
                            case '\f' -> ascii("\\f");
                            case '\n' -> ascii("\\n");
                            case '\r' -> ascii("\\r");
                            case '\t' -> ascii("\\t");
                            default -> ascii(String.format("\\u%04x", (int) c));
                        }
                    }
                }
                if (runStart < n) {
                    raw((runStart == 0 ? s : s.substring(runStart)).getBytes(StandardCharsets.UTF_8));
                }
            }
            put('"');
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, len);
        }
    }
}
