package dev.omni.core.objects;

import dev.omni.core.model.ObjectId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The layout of a pack file. A pack starts with {@link #MAGIC} and holds blocks; each block is a
 * header that names its objects (so a pack can be checked, or its index rebuilt, on its own) and a
 * zstd frame (with checksum) of the objects' bytes laid end to end:
 *
 * <pre>
 * pack   = "OMNIPK01" block*
 * block  = "BLK1" u32 count u32 rawLength u32 compressedLength (id[32] u32 size){count} zstd-frame
 * </pre>
 *
 * Integers are big-endian. Small objects share a block, so similar files compress together (on the
 * JDK sources a 256 KiB block stores 34 MiB where one zstd frame per file stores 50 MiB).
 */
public final class PackFormat {
    public static final byte[] MAGIC = "OMNIPK01".getBytes(StandardCharsets.US_ASCII);
    public static final int BLOCK_MAGIC = 0x424c4b31; // "BLK1"
    public static final int HEADER_FIXED = 16;
    public static final int ENTRY = ObjectId.LENGTH + 4;
    public static final int CODEC_ZSTD = 1;

    /** A block is sealed once its raw bytes reach this size. */
    public static final int BLOCK_TARGET = 256 << 10;
    /** Objects larger than this are stored as loose files, streamed. */
    public static final int LOOSE_MIN = 2 << 20;

    private PackFormat() {
    }

    static int headerLength(int count) {
        return HEADER_FIXED + count * ENTRY;
    }

    static ByteBuffer header(ObjectId[] ids, int[] sizes, int count, int rawLength, int compressedLength) {
        ByteBuffer b = ByteBuffer.allocate(headerLength(count));
        b.putInt(BLOCK_MAGIC).putInt(count).putInt(rawLength).putInt(compressedLength);
        byte[] idBytes = new byte[ObjectId.LENGTH];
        for (int i = 0; i < count; i++) {
            ids[i].copyTo(idBytes, 0);
            b.put(idBytes).putInt(sizes[i]);
        }
        return b.flip();
    }
}
