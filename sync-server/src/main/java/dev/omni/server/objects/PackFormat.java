package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * A pack file: the 8 bytes {@code OMNIPAK1}, then entries, each a 49-byte header (the 32-byte raw
 * SHA-256 of the object's raw bytes, a one-byte encoding, the raw size and the stored size as
 * big-endian uint64) followed by the stored bytes (raw, or one zstd frame). Packs are only ever
 * appended to; the index (and nothing in the pack) says which entries are committed.
 */
final class PackFormat {
    static final byte[] MAGIC = "OMNIPAK1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = ObjectId.LENGTH + 1 + 8 + 8;
    static final int RAW = 0;
    static final int ZSTD = 1;
    /** Compressed entries are decoded in memory; only batch-sized objects are ever compressed. */
    static final long MAX_DECODED = 64L << 20;

    private PackFormat() {
    }

    /** One entry's header. */
    record Header(ObjectId id, int encoding, long size, long stored) {
        /** Where the next entry starts, for an entry whose header is at {@code offset}. */
        long end(long offset) {
            return offset + HEADER + stored;
        }

        ByteBuffer encode() {
            ByteBuffer b = ByteBuffer.allocate(HEADER);
            b.put(id.toBytes()).put((byte) encoding).putLong(size).putLong(stored);
            return b.flip();
        }

        /** Whether the fields can describe an object at all (a torn or zeroed header usually cannot). */
        boolean plausible() {
            return size >= 0 && stored >= 0
                    && (encoding == RAW && stored == size || encoding == ZSTD && stored > 0 && size <= MAX_DECODED);
        }
    }

    static ByteBuffer magic() {
        return ByteBuffer.wrap(MAGIC.clone());
    }

    static boolean hasMagic(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length);
        if (!readFully(ch, b, 0)) {
            return false;
        }
        return java.util.Arrays.equals(b.array(), MAGIC);
    }

    /** The header at {@code offset}; an {@link EOFException} when the file ends inside it. */
    static Header readHeader(FileChannel ch, long offset) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        if (!readFully(ch, b, offset)) {
            throw new EOFException("the pack ends inside the entry header at " + offset);
        }
        b.flip();
        byte[] id = new byte[ObjectId.LENGTH];
        b.get(id);
        return new Header(ObjectId.fromBytes(id), b.get() & 0xff, b.getLong(), b.getLong());
    }

    /** Reads {@code n} bytes at {@code position}; an {@link EOFException} when the file is shorter. */
    static byte[] read(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        if (!readFully(ch, b, position)) {
            throw new EOFException("the pack ends inside the entry at " + position);
        }
        return b.array();
    }

    /** Fills {@code b} from {@code position}; false when the file ends first. */
    static boolean readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                return false;
            }
            p += n;
        }
        return true;
    }

    static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }
}
