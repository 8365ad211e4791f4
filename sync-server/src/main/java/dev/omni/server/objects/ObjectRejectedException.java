package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;

/** An object body that was not stored: it did not match its id, or it was too large. */
public final class ObjectRejectedException extends ServerException {
    private final ObjectId id;

    ObjectRejectedException(ErrorCode code, ObjectId id, String message) {
        super(code, message);
        this.id = id;
    }

    public ObjectId id() {
        return id;
    }
}
