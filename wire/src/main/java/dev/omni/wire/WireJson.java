package dev.omni.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON on the wire: snake_case names from record components, unknown fields ignored (newer peers
 * keep working with older ones), nulls written out, a missing number for a primitive refused. Built
 * on first use (it costs tens of milliseconds a command that never syncs should not pay) and never
 * reconfigured after.
 */
public final class WireJson {
    private WireJson() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }

    /** The mapper; callers must not change its configuration. */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return Holder.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writeString(Object value) {
        try {
            return Holder.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a body as {@code type}; malformed JSON or a wrong shape is a {@link JsonProcessingException}. */
    public static <T> T read(byte[] body, Class<T> type) throws IOException {
        return Holder.MAPPER.readValue(body, type);
    }

    /** Reads a body as a tree (an empty body is a missing node). */
    public static JsonNode tree(byte[] body) throws IOException {
        return Holder.MAPPER.readTree(body);
    }
}
