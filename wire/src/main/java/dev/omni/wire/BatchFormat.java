package dev.omni.wire;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The framed body of {@code POST /v1/objects/batch}, version 1 (sync-server/BATCH-FORMAT.md):
 * {@code "OMNIBAT1"}, a uint32 count, then per object its 32-byte raw id, a uint32 length and its
 * bytes. Integers are unsigned big-endian; nothing may follow the last object. The only place that
 * knows the layout: the client encodes and the server decodes with these methods.
 */
public final class BatchFormat {
    /** Bytes of an id in a frame: a raw SHA-256. */
    public static final int ID_BYTES = 32;
    private static final byte[] MAGIC = "OMNIBAT1".getBytes(StandardCharsets.US_ASCII);
    /** Bytes of the header: the magic and the count. */
    public static final int HEADER_BYTES = MAGIC.length + 4;
    /** Bytes of a frame besides its data: the id and the length. */
    public static final int FRAME_HEADER_BYTES = ID_BYTES + 4;

    private BatchFormat() {
    }

    /** The 8 bytes a batch starts with. */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    /** A whole batch in memory: {@code ids.get(i)} (32 raw bytes each) names {@code data.get(i)}. */
    public static byte[] encode(List<byte[]> ids, List<byte[]> data) {
        if (ids.size() != data.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + data.size() + " objects");
        }
        long total = HEADER_BYTES;
        for (byte[] d : data) {
            total += FRAME_HEADER_BYTES + d.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + total + " bytes does not fit in memory; send fewer objects");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total);
        b.put(MAGIC).putInt(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            b.put(checkId(ids.get(i))).putInt(data.get(i).length).put(data.get(i));
        }
        return b.array();
    }

    /** Writes the header of a batch of {@code count} objects. */
    public static void writeHeader(DataOutput out, int count) throws IOException {
        out.write(MAGIC);
        out.writeInt(count);
    }

    /** Writes one frame: the object's raw id and bytes. */
    public static void writeFrame(DataOutput out, byte[] id, byte[] data) throws IOException {
        out.write(checkId(id));
        out.writeInt(data.length);
        out.write(data);
    }

    private static byte[] checkId(byte[] id) {
        if (id.length != ID_BYTES) {
            throw new IllegalArgumentException("a batch id has " + ID_BYTES + " bytes, not " + id.length);
        }
        return id;
    }

    /** Reads the header and returns the object count; a wrong or short header is a {@link MalformedBatchException}. */
    public static long readHeader(DataInput in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new MalformedBatchException("the batch is shorter than its header");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new MalformedBatchException("not an omni batch: it must start with OMNIBAT1 (see BATCH-FORMAT.md)");
        }
        try {
            return Integer.toUnsignedLong(in.readInt());
        } catch (EOFException e) {
            throw new MalformedBatchException("the batch ended inside the object count");
        }
    }

    /** The header of one frame: the object's raw id and how many bytes of it follow. */
    public record Frame(byte[] id, long length) {
    }

    /**
     * Reads the header of frame {@code index} (from 0) of {@code count}; the caller then reads its
     * {@code length} bytes. A batch cut short here is a {@link MalformedBatchException}.
     */
    public static Frame readFrame(DataInput in, long index, long count) throws IOException {
        byte[] id = new byte[ID_BYTES];
        try {
            in.readFully(id);
            return new Frame(id, Integer.toUnsignedLong(in.readInt()));
        } catch (EOFException e) {
            throw truncated(index, count);
        }
    }

    /** The error for a batch that ended inside frame {@code index} (from 0) of {@code count}. */
    public static MalformedBatchException truncated(long index, long count) {
        return new MalformedBatchException("the batch ended inside object " + (index + 1) + " of " + count
                + "; the objects before it were stored");
    }

    /** Checks that nothing follows the last frame. */
    public static void requireEnd(InputStream in) throws IOException {
        if (in.read() >= 0) {
            throw new MalformedBatchException("the batch has bytes after its last object");
        }
    }

    /** One object of a decoded batch. */
    public record Entry(byte[] id, byte[] data) {
    }

    /**
     * Decodes a whole batch held in memory, checking its framing (not the ids: only the server can
     * hash what it stores). For tests and tools; the server streams with {@link #readFrame}.
     */
    public static List<Entry> decode(byte[] body) {
        try {
            var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(body));
            long count = readHeader(in);
            List<Entry> out = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                Frame f = readFrame(in, i, count);
                if (f.length() > in.available()) {
                    throw truncated(i, count);
                }
                byte[] data = new byte[(int) f.length()];
                in.readFully(data);
                out.add(new Entry(f.id(), data));
            }
            requireEnd(in);
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail to read
        }
    }
}
