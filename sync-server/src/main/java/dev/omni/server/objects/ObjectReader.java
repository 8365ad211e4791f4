package dev.omni.server.objects;

import com.github.luben.zstd.Zstd;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.server.store.ObjectIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.file.StandardOpenOption;

/**
 * Reads an indexed object's raw bytes: from its pack entry (checking that the entry's header is the
 * one the index promised, so a damaged or misplaced pack never yields another object's bytes) or
 * from its loose file.
 */
final class ObjectReader {
    private final Layout layout;

    ObjectReader(Layout layout) {
        this.layout = layout;
    }

    /** The raw bytes of {@code e}, as a stream the caller closes. */
    InputStream open(String userId, ObjectIndex.Entry e) throws IOException {
        if (e.loose()) {
            return Files.newInputStream(layout.loose(userId, e.id()));
        }
        FileChannel ch = FileChannel.open(layout.pack(userId, e.pack()), StandardOpenOption.READ);
        try {
            checkHeader(userId, e, PackFormat.readHeader(ch, e.offset()));
            long start = e.offset() + PackFormat.HEADER;
            if (e.encoding() == PackFormat.RAW) {
                InputStream in = new SliceInputStream(ch, start, e.size(), true);
                ch = null;
                return in;
            }
            return new ByteArrayInputStream(decode(e, PackFormat.read(ch, start, Math.toIntExact(e.stored()))));
        } finally {
            if (ch != null) {
                ch.close();
            }
        }
    }

    static byte[] decode(ObjectIndex.Entry e, byte[] stored) throws IOException {
        if (e.encoding() != PackFormat.ZSTD || e.size() > PackFormat.MAX_DECODED) {
            throw new IOException("object " + e.id().hex() + " has an unknown encoding " + e.encoding());
        }
        byte[] raw = new byte[(int) e.size()];
        long n;
        try {
            n = Zstd.decompressByteArray(raw, 0, raw.length, stored, 0, stored.length);
        } catch (RuntimeException ex) {
            throw new IOException("object " + e.id().hex() + " does not decode: " + ex.getMessage(), ex);
        }
        if (n != raw.length) {
            throw new IOException("object " + e.id().hex() + " decodes to " + n + " bytes, not " + raw.length);
        }
        return raw;
    }

    /**
     * Null when the entry {@code e} of an open pack is whole, has the header the index expects and
     * its bytes hash to its id; otherwise what is wrong, for a person.
     */
    static String problem(FileChannel ch, ObjectIndex.Entry e) throws IOException {
        PackFormat.Header h;
        try {
            h = PackFormat.readHeader(ch, e.offset());
        } catch (java.io.EOFException ex) {
            return "the pack ends before the entry at offset " + e.offset();
        }
        if (!h.id().equals(e.id()) || h.encoding() != e.encoding() || h.size() != e.size() || h.stored() != e.stored()) {
            return "the entry at offset " + e.offset() + " is " + h + ", the index says " + e;
        }
        long start = e.offset() + PackFormat.HEADER;
        MessageDigest md = Hashing.newDigest();
        if (e.encoding() == PackFormat.RAW) {
            try (InputStream in = new SliceInputStream(ch, start, e.size(), false)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            } catch (java.io.EOFException ex) {
                return "the pack ends inside the object (" + ex.getMessage() + ")";
            }
        } else {
            if (e.stored() > PackFormat.MAX_DECODED) {
                return "a compressed entry of " + e.stored() + " bytes";
            }
            try {
                md.update(decode(e, PackFormat.read(ch, start, (int) e.stored())));
            } catch (java.io.EOFException ex) {
                return "the pack ends inside the object";
            } catch (IOException ex) {
                return ex.getMessage();
            }
        }
        ObjectId actual = Hashing.finish(md);
        return actual.equals(e.id()) ? null : "its bytes hash to " + actual.hex();
    }

    /** Null when the loose file of {@code e} has its size and hashes to its id; otherwise what is wrong. */
    static String problem(Path file, ObjectIndex.Entry e) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "its file " + file + " is gone";
        }
        MessageDigest md = Hashing.newDigest();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                size += n;
            }
        }
        if (size != e.size()) {
            return "its file has " + size + " bytes, the index says " + e.size();
        }
        ObjectId actual = Hashing.finish(md);
        return actual.equals(e.id()) ? null : "its bytes hash to " + actual.hex();
    }

    private static void checkHeader(String userId, ObjectIndex.Entry e, PackFormat.Header h) throws IOException {
        if (!h.id().equals(e.id()) || h.encoding() != e.encoding() || h.size() != e.size() || h.stored() != e.stored()) {
            throw new IOException("pack " + e.pack() + " of user " + userId + " holds " + h.id().hex() + " at offset "
                    + e.offset() + ", not " + e.id().hex() + " as its index says; run omni-server verify");
        }
    }

    /** {@code length} bytes of a file from {@code start}; closing it closes the channel if it owns it. */
    private static final class SliceInputStream extends InputStream {
        private final FileChannel ch;
        private long position;
        private final long end;
        private final boolean owns;

        SliceInputStream(FileChannel ch, long start, long length, boolean owns) {
            this.ch = ch;
            this.position = start;
            this.end = start + length;
            this.owns = owns;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int want = (int) Math.min(len, end - position);
            int n = ch.read(ByteBuffer.wrap(b, off, want), position);
            if (n < 0) {
                throw new java.io.EOFException("the pack ends " + (end - position) + " bytes before the object does");
            }
            position += n;
            return n;
        }

        @Override
        public long transferTo(java.io.OutputStream out) throws IOException {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = read(buf, 0, buf.length)) > 0; ) {
                out.write(buf, 0, n);
                total += n;
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            if (owns) {
                ch.close();
            }
        }
    }
}
