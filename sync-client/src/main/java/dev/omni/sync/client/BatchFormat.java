package dev.omni.sync.client;

import dev.omni.core.model.ObjectId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The framed body of {@code POST /v1/objects/batch} (sync-server/BATCH-FORMAT.md, version 1). */
public final class BatchFormat {
    public static final byte[] MAGIC = "OMNIBAT1".getBytes(StandardCharsets.US_ASCII);
    /** What one batch may hold (the server's defaults are 1,000 objects, 4 MiB each, 64 MiB in all). */
    public static final int MAX_OBJECTS = 1000;
    public static final int TARGET_BYTES = 8 << 20;

    private BatchFormat() {
    }

    public static byte[] encode(List<ObjectId> ids, List<byte[]> data) {
        int total = MAGIC.length + 4;
        for (byte[] d : data) {
            total += ObjectId.LENGTH + 4 + d.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put(MAGIC).putInt(ids.size());
        byte[] id = new byte[ObjectId.LENGTH];
        for (int i = 0; i < ids.size(); i++) {
            ids.get(i).copyTo(id, 0);
            b.put(id).putInt(data.get(i).length).put(data.get(i));
        }
        return b.array();
    }
}
