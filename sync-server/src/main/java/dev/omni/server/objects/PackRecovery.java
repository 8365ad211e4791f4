package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import dev.omni.server.store.ObjectIndex;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the serving process does with the object store before it answers anything:
 * <ul>
 * <li>a pack longer than its committed part (the upload died, or the power failed after the fsync
 * but before the index rows reached the disk) has its tail re-read entry by entry: every whole
 * entry whose bytes hash to its id is fsynced and indexed, the rest is cut off, and a pack with
 * nothing committed and nothing whole is removed. Re-indexing rather than dropping matters:
 * SQLite commits with {@code synchronous=NORMAL}, so a power loss may take the last committed rows
 * of objects whose upload was answered {@code stored}; their bytes were fsynced and come back;</li>
 * <li>the loose files of versions before packs are indexed once, where they are;</li>
 * <li>{@code DATA/tmp}, where those versions staged uploads, is emptied.</li>
 * </ul>
 */
final class PackRecovery {
    static final String LOOSE_INDEXED = "loose_objects_indexed";
    private static final Logger LOG = LoggerFactory.getLogger(PackRecovery.class);
    private static final Pattern FAN_OUT = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern REST = Pattern.compile("[0-9a-f]{62}");
    private static final int ROWS_PER_COMMIT = 2000;

    private final Layout layout;
    private final ObjectIndex index;
    private final Path tmp;

    PackRecovery(Layout layout, ObjectIndex index, Path tmp) {
        this.layout = layout;
        this.index = index;
        this.tmp = tmp;
    }

    void run() throws IOException {
        Files.createDirectories(layout.objects());
        clearTemp();
        if (index.state(LOOSE_INDEXED).isEmpty()) {
            indexLooseFiles();
            index.putState(LOOSE_INDEXED, Instant.now().toString());
        }
        for (Path userDir : list(layout.objects())) {
            if (!Files.isDirectory(userDir)) {
                continue;
            }
            Path packs = userDir.resolve("packs");
            if (Files.isDirectory(packs)) {
                recoverPacks(userDir.getFileName().toString(), packs);
            }
        }
    }

    private void clearTemp() throws IOException {
        if (Files.isDirectory(tmp)) {
            for (Path p : list(tmp)) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void indexLooseFiles() throws IOException {
        long n = 0;
        for (Path userDir : list(layout.objects())) {
            if (!Files.isDirectory(userDir)) {
                continue;
            }
            String userId = userDir.getFileName().toString();
            List<ObjectIndex.Entry> rows = new ArrayList<>();
            for (Path fan : list(userDir)) {
                if (!FAN_OUT.matcher(fan.getFileName().toString()).matches() || !Files.isDirectory(fan)) {
                    continue;
                }
                for (Path f : list(fan)) {
                    String rest = f.getFileName().toString();
                    if (REST.matcher(rest).matches() && Files.isRegularFile(f)) {
                        long size = Files.size(f);
                        rows.add(new ObjectIndex.Entry(ObjectId.parse(fan.getFileName() + rest), null, -1, size, size,
                                PackFormat.RAW));
                    }
                    if (rows.size() >= ROWS_PER_COMMIT) {
                        n += index.add(userId, null, 0, rows).size();
                        rows.clear();
                    }
                }
            }
            n += index.add(userId, null, 0, rows).size();
        }
        if (n > 0) {
            LOG.info("indexed {} loose objects written by an earlier version", n);
        }
    }

    private void recoverPacks(String userId, Path packs) throws IOException {
        Map<String, Long> committed = index.packs(userId);
        for (Path p : list(packs)) {
            String file = p.getFileName().toString();
            if (!file.endsWith(Layout.PACK_SUFFIX)) {
                continue;
            }
            String name = file.substring(0, file.length() - Layout.PACK_SUFFIX.length());
            long length = committed.getOrDefault(name, 0L);
            long size = Files.size(p);
            if (size > length) {
                recoverTail(userId, name, p, length);
            } else if (size < length) {
                LOG.error("pack {} of user {} has {} bytes but its index reaches {}; run omni-server verify", name, userId,
                        size, length);
            }
        }
    }

    /** Re-verifies the entries after {@code committed} and indexes the whole ones; cuts off the rest. */
    private void recoverTail(String userId, String name, Path p, long committed) throws IOException {
        List<ObjectIndex.Entry> found = new ArrayList<>();
        long end;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (committed == 0 && !PackFormat.hasMagic(ch)) {
                end = 0;
            } else {
                end = Math.max(committed, PackFormat.MAGIC.length);
                while (end < size) {
                    ObjectIndex.Entry e = wholeEntry(ch, name, end, size);
                    if (e == null) {
                        break;
                    }
                    found.add(e);
                    end = e.offset() + PackFormat.HEADER + e.stored();
                }
            }
            if (found.isEmpty() && committed == 0) {
                ch.close();
                Files.delete(p);
                LOG.warn("removed pack {} of user {}: no committed and no whole object in its {} bytes", name, userId, size);
                return;
            }
            if (end < size) {
                ch.truncate(end);
            }
            ch.force(false);
            LOG.warn("pack {} of user {}: {} objects after its committed part were whole and are indexed, {} bytes"
                    + " cut off", name, userId, found.size(), size - end);
        }
        index.add(userId, name, end, found);
    }

    /** The entry at {@code offset} if it is whole and its bytes hash to its id, else null. */
    private static ObjectIndex.Entry wholeEntry(FileChannel ch, String name, long offset, long size) throws IOException {
        PackFormat.Header h;
        try {
            h = PackFormat.readHeader(ch, offset);
        } catch (EOFException e) {
            return null;
        }
        if (!h.plausible() || h.end(offset) > size) {
            return null;
        }
        ObjectIndex.Entry e = new ObjectIndex.Entry(h.id(), name, offset, h.size(), h.stored(), h.encoding());
        return ObjectReader.problem(ch, e) == null ? e : null;
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        }
        out.sort(null);
        return out;
    }
}
