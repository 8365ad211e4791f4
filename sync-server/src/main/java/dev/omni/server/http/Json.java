package dev.omni.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.omni.server.ServerException;
import dev.omni.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON on the wire ({@link WireJson}: the encoding client and server share), with request errors as 400s. */
public final class Json {
    private Json() {
    }

    public static byte[] write(Object value) {
        return WireJson.write(value);
    }

    public static String writeString(Object value) {
        return WireJson.writeString(value);
    }

    /** Parses a request body; anything that is not the expected JSON is a 400. */
    public static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ServerException.badRequest("the request needs a JSON body");
        }
        try {
            T value = WireJson.read(body, type);
            if (value == null) {
                throw ServerException.badRequest("the request body is JSON null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ServerException.badRequest("malformed JSON body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
