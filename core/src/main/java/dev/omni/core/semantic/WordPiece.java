package dev.omni.core.semantic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, as Hugging Face's {@code tokenizer.json} describes it for the
 * models omni ships (BertNormalizer with clean_text, handle_chinese_chars, lowercase and accent
 * stripping; BertPreTokenizer; WordPiece with {@code ##} continuations, 100 characters at most per
 * word). Written here rather than taken from DJL's tokenizer binding: that library calls home
 * (an EC2 metadata request) when it makes a tokenizer and downloads its native code on platforms
 * it does not bundle, and omni must never open a connection.
 */
final class WordPiece {
    static final int PAD = 0;
    private static final int MAX_CHARS_PER_WORD = 100;

    private final Map<String, Integer> vocab;
    private final int unk;
    private final int cls;
    private final int sep;

    private WordPiece(Map<String, Integer> vocab) {
        this.vocab = vocab;
        this.unk = id(vocab, "[UNK]");
        this.cls = id(vocab, "[CLS]");
        this.sep = id(vocab, "[SEP]");
    }

    private static int id(Map<String, Integer> vocab, String token) {
        Integer i = vocab.get(token);
        if (i == null) {
            throw new IllegalArgumentException("the tokenizer's vocabulary lacks " + token);
        }
        return i;
    }

    /** Reads {@code model.vocab} of a Hugging Face {@code tokenizer.json}. */
    static WordPiece load(InputStream tokenizerJson) throws IOException {
        Map<String, Integer> vocab = new HashMap<>(65536);
        try (JsonParser p = new JsonFactory().createParser(tokenizerJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("tokenizer.json is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("model")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if (!f.equals("vocab")) {
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String token = p.currentName();
                        p.nextToken();
                        vocab.put(token, p.getIntValue());
                    }
                }
            }
        }
        if (vocab.isEmpty()) {
            throw new IOException("tokenizer.json has no model.vocab");
        }
        return new WordPiece(vocab);
    }

    /**
     * The ids of {@code text}: [CLS], at most {@code maxTokens - 2} word pieces, [SEP] (truncated on
     * the right, as the models were trained).
     */
    int[] encode(String text, int maxTokens) {
        int[] out = new int[maxTokens];
        int n = 0;
        out[n++] = cls;
        String norm = normalize(text);
        int i = 0;
        int len = norm.length();
        while (i < len && n < maxTokens - 1) {
            int c = norm.codePointAt(i);
            if (Character.isWhitespace(c) || c == ' ') {
                i += Character.charCount(c);
                continue;
            }
            int end;
            if (isPunctuation(c)) {
                end = i + Character.charCount(c);
            } else {
                end = i;
                while (end < len) {
                    int d = norm.codePointAt(end);
                    if (Character.isWhitespace(d) || isPunctuation(d)) {
                        break;
                    }
                    end += Character.charCount(d);
                }
            }
            n = word(norm.substring(i, end), out, n, maxTokens - 1);
            i = end;
        }
        out[n++] = sep;
        return java.util.Arrays.copyOf(out, n);
    }

    /** Appends the pieces of one word (or [UNK]) to {@code out} from {@code n}, up to {@code limit}; the new length. */
    private int word(String w, int[] out, int n, int limit) {
        if (w.codePointCount(0, w.length()) > MAX_CHARS_PER_WORD) {
            out[n++] = unk;
            return n;
        }
        int[] pieces = new int[w.length()];
        int count = 0;
        int start = 0;
        while (start < w.length()) {
            int end = w.length();
            Integer found = null;
            while (start < end) {
                String sub = start > 0 ? "##" + w.substring(start, end) : w.substring(start, end);
                found = vocab.get(sub);
                if (found != null) {
                    break;
                }
                end = Character.isLowSurrogate(w.charAt(end - 1)) && end - 2 > start ? end - 2 : end - 1;
            }
            if (found == null) {
                out[n++] = unk;
                return n;
            }
            pieces[count++] = found;
            start = end;
        }
        for (int k = 0; k < count && n < limit; k++) {
            out[n++] = pieces[k];
        }
        return n;
    }

    /** BertNormalizer: control characters dropped, whitespace made spaces, CJK spaced, accents stripped, lower case. */
    static String normalize(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                continue;
            }
            if (isWhitespace(c)) {
                b.append(' ');
            } else if (isChinese(c)) {
                b.append(' ').appendCodePoint(c).append(' ');
            } else {
                b.appendCodePoint(c);
            }
        }
        String s = b.toString();
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (!ascii) {
            String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder t = new StringBuilder(nfd.length());
            for (int i = 0; i < nfd.length(); ) {
                int c = nfd.codePointAt(i);
                i += Character.charCount(c);
                if (Character.getType(c) != Character.NON_SPACING_MARK) {
                    t.appendCodePoint(c);
                }
            }
            s = t.toString();
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static boolean isWhitespace(int c) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        int t = Character.getType(c);
        return t == Character.SPACE_SEPARATOR || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.UNASSIGNED || t == Character.PRIVATE_USE
                || t == Character.SURROGATE;
    }

    static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
