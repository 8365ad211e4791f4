package dev.omni.core.objects;

import dev.omni.core.model.ObjectId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;

/**
 * Answers "does the store have this object?" for an inserter. The first few questions go to the
 * database one by one; after that, the first 8 bytes of every id in the store are loaded once into a
 * sorted array, and only a prefix hit is confirmed with a query. A snapshot that adds many files
 * then asks SQLite almost nothing, while one that adds a few files never loads the array.
 */
final class KnownIds {
    private static final int SINGLE_QUERIES = 256;

    private final PackStore store;
    private int asked;
    private long[] prefixes;

    KnownIds(PackStore store) {
        this.store = store;
    }

    boolean contains(ObjectId id) {
        if (store.assumeEmpty()) {
            return false;
        }
        long[] p;
        synchronized (this) {
            if (prefixes == null && ++asked > SINGLE_QUERIES) {
                prefixes = load();
            }
            p = prefixes;
        }
        if (p != null && Arrays.binarySearch(p, prefix(id)) < 0) {
            return false;
        }
        return store.contains(id);
    }

    private long[] load() {
        return store.db().read(c -> {
            long n = dev.omni.core.store.Database.queryLong(c, "SELECT count(*) FROM objects", 0);
            long[] out = new long[(int) n];
            int i = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM objects"); ResultSet rs = ps.executeQuery()) {
                while (rs.next() && i < out.length) {
                    byte[] b = rs.getBytes(1);
                    out[i++] = prefix(b);
                }
            }
            long[] exact = i == out.length ? out : Arrays.copyOf(out, i);
            Arrays.sort(exact);
            return exact;
        });
    }

    static long prefix(ObjectId id) {
        byte[] b = new byte[ObjectId.LENGTH];
        id.copyTo(b, 0);
        return prefix(b);
    }

    static long prefix(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
