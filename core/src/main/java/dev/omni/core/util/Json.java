package dev.omni.core.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * The one Jackson configuration omni uses. The {@link ObjectMapper} is built on first use only:
 * it costs tens of milliseconds, which commands that print no JSON should not pay. Small maps of
 * plain values are written with the streaming generator instead.
 */
public final class Json {
    public static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** Compact JSON of maps, collections, strings, numbers, booleans and nulls. */
    public static String write(Object o) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            writeValue(g, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void writeValue(JsonGenerator g, Object o) throws IOException {
        if (o == null) {
            g.writeNull();
        } else if (o instanceof String s) {
            g.writeString(s);
        } else if (o instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short) {
            g.writeNumber(((Number) o).longValue());
        } else if (o instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (o instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (o instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object x : c) {
                writeValue(g, x);
            }
            g.writeEndArray();
        } else {
            try {
                g.writeRawValue(mapper().writeValueAsString(o));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }
    }
}
