package dev.omni.server;

import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.model.Ulid;

/** Checks of the ids a client sends (PROTOCOL.md "Ids"); a malformed one is a 400 naming the field. */
public final class Ids {
    private Ids() {
    }

    public static String ulid(String value, String what) {
        if (!Ulid.isValid(value)) {
            throw ServerException.badRequest(what + " must be a ULID (26 characters of Crockford base 32), not "
                    + show(value));
        }
        return value;
    }

    /** A ULID or null. */
    public static String optionalUlid(String value, String what) {
        return value == null ? null : ulid(value, what);
    }

    public static String snapshot(String value, String what) {
        if (!SnapshotId.isValid(value)) {
            throw ServerException.badRequest(what + " must be snap-<ULID>, not " + show(value));
        }
        return value;
    }

    public static ObjectId object(String value, String what) {
        if (!ObjectId.isValid(value)) {
            throw ServerException.badRequest(what + " must be 64 lowercase hex digits (SHA-256), not " + show(value));
        }
        return ObjectId.parse(value);
    }

    public static String text(String value, String what, int maxLength, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw ServerException.badRequest(what + " is required");
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw ServerException.badRequest(what + " has more than " + maxLength + " characters");
        }
        return value;
    }

    /** A value a client sent, quoted for an error message: cut at 80 characters, control characters made visible. */
    public static String show(String v) {
        if (v == null) {
            return "nothing";
        }
        String s = v.length() > 80 ? v.substring(0, 80) + "…" : v;
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
