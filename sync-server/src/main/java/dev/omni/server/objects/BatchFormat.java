package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import dev.omni.server.ServerException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The framed batch upload of {@code POST /v1/objects/batch}, specified in sync-server/BATCH-FORMAT.md:
 * {@code "OMNIBAT1"}, a uint32 count, then per object a 32-byte raw id, a uint32 length and the
 * bytes. All integers are big-endian. Nothing may follow the last object.
 */
public final class BatchFormat {
    public static final String CONTENT_TYPE = "application/vnd.omni.objects-batch";
    static final byte[] MAGIC = "OMNIBAT1".getBytes(StandardCharsets.US_ASCII);

    private BatchFormat() {
    }

    /** Reads the header and returns the object count. */
    static long readHeader(DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw ServerException.badRequest("the batch is shorter than its header");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw ServerException.badRequest("not an omni batch: it must start with OMNIBAT1 (see BATCH-FORMAT.md)");
        }
        return readUint32(in, "the object count");
    }

    /** The header of one frame. */
    record Frame(ObjectId id, long length) {
    }

    /** Reads one frame header; an {@link EOFException} means the batch was cut short. */
    static Frame readFrame(DataInputStream in) throws IOException {
        byte[] id = new byte[ObjectId.LENGTH];
        in.readFully(id);
        return new Frame(ObjectId.fromBytes(id), Integer.toUnsignedLong(in.readInt()));
    }

    static ServerException truncated(long index, long count) {
        return ServerException.badRequest("the batch ended inside object " + (index + 1) + " of " + count
                + "; the objects before it were stored");
    }

    private static long readUint32(DataInputStream in, String what) throws IOException {
        try {
            return Integer.toUnsignedLong(in.readInt());
        } catch (EOFException e) {
            throw ServerException.badRequest("the batch ended inside " + what);
        }
    }

    /** Writes the header; for clients and tests in Java. */
    public static void writeHeader(java.io.DataOutputStream out, int count) throws IOException {
        out.write(MAGIC);
        out.writeInt(count);
    }

    public static void writeFrame(java.io.DataOutputStream out, ObjectId id, byte[] data) throws IOException {
        out.write(id.toBytes());
        out.writeInt(data.length);
        out.write(data);
    }

    /** True when {@code in} has nothing left. */
    static boolean atEnd(InputStream in) throws IOException {
        return in.read() < 0;
    }
}
