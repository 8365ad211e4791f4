package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import dev.omni.server.store.ObjectIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One new pack, appended to by one upload: entries go straight to the file (so the kernel can start
 * writing them out), and {@link #sync} makes everything appended so far durable with one fsync of
 * the pack (and, the first time, one of its directory). The caller then commits the index rows
 * ({@link #pending}) and calls {@link #committed}. Closing cuts off what was never committed, and
 * removes a pack that never had a commit.
 */
final class PackWriter implements AutoCloseable {
    private final Layout layout;
    private final String userId;
    private final String name;
    private FileChannel channel;
    private long position;
    private long committed;
    private boolean dirSynced;
    private final List<ObjectIndex.Entry> pending = new ArrayList<>();

    PackWriter(Layout layout, String userId, String name) {
        this.layout = layout;
        this.userId = userId;
        this.name = name;
    }

    String name() {
        return name;
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            Path dir = layout.packs(userId);
            layout.createDurably(dir);
            channel = FileChannel.open(layout.pack(userId, name), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            PackFormat.writeFully(channel, PackFormat.magic(), 0);
            position = PackFormat.MAGIC.length;
        }
        return channel;
    }

    /** Appends one whole entry; it becomes part of the next {@link #sync}. */
    void append(ObjectId id, int encoding, long size, byte[] data, int length) throws IOException {
        FileChannel ch = channel();
        long offset = position;
        ByteBuffer header = new PackFormat.Header(id, encoding, size, length).encode();
        ByteBuffer body = ByteBuffer.wrap(data, 0, length);
        // One gathering write per object; positional writes are not needed: only this writer appends.
        ch.position(offset);
        long want = PackFormat.HEADER + (long) length;
        long done = 0;
        ByteBuffer[] both = {header, body};
        while (done < want) {
            done += ch.write(both);
        }
        position = offset + want;
        pending.add(new ObjectIndex.Entry(id, name, offset, size, length, encoding));
    }

    /**
     * Starts an entry whose size is not known yet (a streamed upload): reserves its header and
     * returns its offset; {@link #write} the raw bytes, then {@link #finish}.
     */
    long begin() throws IOException {
        FileChannel ch = channel();
        long offset = position;
        position += PackFormat.HEADER;
        ch.position(position);
        return offset;
    }

    void write(byte[] buf, int off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        position += len;
    }

    /** Writes the header of the streamed entry at {@code offset}, now that its size and id are known. */
    void finish(long offset, ObjectId id) throws IOException {
        long size = position - offset - PackFormat.HEADER;
        PackFormat.writeFully(channel, new PackFormat.Header(id, PackFormat.RAW, size, size).encode(), offset);
        pending.add(new ObjectIndex.Entry(id, name, offset, size, size, PackFormat.RAW));
    }

    /** Entries appended since the last commit. */
    List<ObjectIndex.Entry> pending() {
        return pending;
    }

    long position() {
        return position;
    }

    /** Makes every appended byte durable: one fsync of the pack, and the first time one of its directory. */
    void sync() throws IOException {
        if (channel == null) {
            return;
        }
        // The size changed, so fdatasync writes it too: force(false) is enough.
        channel.force(false);
        if (!dirSynced) {
            Layout.fsyncDirectory(layout.packs(userId));
            dirSynced = true;
        }
    }

    /** The index now holds every pending entry. */
    void committed() {
        committed = position;
        pending.clear();
    }

    @Override
    public void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            if (committed == 0) {
                channel.close();
                Files.deleteIfExists(layout.pack(userId, name));
            } else if (channel.size() > committed) {
                // A reader never looks past the committed part; cut the rest so it takes no space.
                channel.truncate(committed);
            }
        } finally {
            channel.close();
            channel = null;
        }
    }
}
