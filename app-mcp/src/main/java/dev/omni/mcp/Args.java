package dev.omni.mcp;

import dev.omni.core.OmniException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tool call's arguments, read with one clear error for each mistake. */
final class Args {
    private final Map<String, Object> args;

    Args(Map<String, Object> args) {
        this.args = args == null ? Map.of() : args;
    }

    String string(String name) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw OmniException.invalid("'" + name + "' must be a string");
        }
        return s;
    }

    String required(String name) {
        String s = string(name);
        if (s == null || s.isBlank()) {
            throw OmniException.invalid("'" + name + "' is required");
        }
        return s;
    }

    int integer(String name, int dflt, int min, int max) {
        Object v = args.get(name);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw OmniException.invalid("'" + name + "' must be an integer");
        }
        long l = n.longValue();
        if (l < min || l > max) {
            throw OmniException.invalid("'" + name + "' must be between " + min + " and " + max);
        }
        return (int) l;
    }

    Integer optionalInteger(String name, int min, int max) {
        return args.get(name) == null ? null : integer(name, 0, min, max);
    }

    Double number(String name, double min, double max) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw OmniException.invalid("'" + name + "' must be a number");
        }
        double d = n.doubleValue();
        if (d < min || d > max) {
            throw OmniException.invalid("'" + name + "' must be between " + min + " and " + max);
        }
        return d;
    }

    boolean bool(String name) {
        Object v = args.get(name);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw OmniException.invalid("'" + name + "' must be true or false");
        }
        return b;
    }

    List<String> strings(String name) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw OmniException.invalid("'" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw OmniException.invalid("'" + name + "' must be an array of strings");
            }
            out.add(s);
        }
        return out;
    }
}
