package dev.omni.core.objects;

import dev.omni.core.OmniException;
import dev.omni.core.model.ObjectId;

/** An object that should be in the store is not. Keeps the id. */
public class MissingObjectException extends OmniException {
    private final ObjectId id;

    public MissingObjectException(ObjectId id) {
        super(Kind.CORRUPT, Reason.DAMAGED_OBJECTS, "object " + id.hex() + " is missing from the store");
        this.id = id;
    }

    public ObjectId id() {
        return id;
    }
}
