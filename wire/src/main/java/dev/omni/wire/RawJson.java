package dev.omni.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A JSON value carried through as it is: the data of a change. Whoever holds it as text (the
 * server's store, the client's outbox) writes that text without parsing it; whoever reads it from
 * a body gets the parsed tree without printing it again. {@code null} in a body is the JSON value
 * null; a missing field is no value at all.
 */
@JsonSerialize(using = RawJson.Writer.class)
@JsonDeserialize(using = RawJson.Reader.class)
public final class RawJson {
    private final String text;
    private final JsonNode tree;

    private RawJson(String text, JsonNode tree) {
        this.text = text;
        this.tree = tree;
    }

    /** A value held as JSON text, which the caller vouches for: it is written as it is. */
    public static RawJson of(String json) {
        if (json == null) {
            throw new IllegalArgumentException("no JSON text");
        }
        return new RawJson(json, null);
    }

    public static RawJson of(JsonNode tree) {
        if (tree == null) {
            throw new IllegalArgumentException("no JSON tree");
        }
        return new RawJson(null, tree);
    }

    /** The value as compact JSON text. */
    public String text() {
        return text != null ? text : WireJson.writeString(tree);
    }

    /** The value as a tree. */
    public JsonNode tree() {
        if (tree != null) {
            return tree;
        }
        try {
            return WireJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson r && tree().equals(r.tree());
    }

    @Override
    public int hashCode() {
        return tree().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }

    static final class Writer extends JsonSerializer<RawJson> {
        @Override
        public void serialize(RawJson value, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (value.text != null) {
                g.writeRawValue(value.text);
            } else {
                g.writeTree(value.tree);
            }
        }
    }

    static final class Reader extends JsonDeserializer<RawJson> {
        @Override
        public RawJson deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return new RawJson(null, p.readValueAsTree());
        }

        @Override
        public RawJson getNullValue(DeserializationContext ctxt) {
            return new RawJson(null, NullNode.getInstance());
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
