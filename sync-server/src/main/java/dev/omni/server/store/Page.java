package dev.omni.server.store;

import java.util.List;

/** One page of a listing; {@code next} is the server sequence to continue after. */
public record Page<T>(List<T> items, long next, boolean hasMore) {
    public Page {
        items = List.copyOf(items);
    }
}
