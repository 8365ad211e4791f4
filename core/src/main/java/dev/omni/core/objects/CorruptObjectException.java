package dev.omni.core.objects;

import dev.omni.core.OmniException;
import dev.omni.core.model.ObjectId;

/** An object's stored bytes are damaged: unreadable, or they no longer hash to its id. */
public class CorruptObjectException extends OmniException {
    private final ObjectId id;

    public CorruptObjectException(ObjectId id, String detail) {
        super(Kind.CORRUPT, Reason.DAMAGED_OBJECTS, "object " + id.hex() + " is corrupt (" + detail + ")");
        this.id = id;
    }

    public ObjectId id() {
        return id;
    }
}
