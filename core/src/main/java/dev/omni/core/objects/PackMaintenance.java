package dev.omni.core.objects;

import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checking and collecting the pack store: re-hash every object (fsck), and delete objects no
 * snapshot reaches, rewriting packs that hold dead objects (gc). Callers hold the store lock.
 */
final class PackMaintenance {
    /** Packs smaller than this are merged when there are many of them. */
    static final long SMALL_PACK = 16L << 20;
    static final int MANY_PACKS = 8;

    private final PackStore store;

    PackMaintenance(PackStore store) {
        this.store = store;
    }

    private record Row(ObjectId id, long blockId, int offset, long size, String pack, long blockOffset, int clen, int rlen) {
        Location location() {
            return new Location(blockId, pack, blockOffset, clen, rlen, offset, size);
        }
    }

    private List<Row> rows() {
        return store.db().read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.block_id, o.offset, o.size, p.name, b.offset, b.clen, b.rlen"
                    + " FROM objects o LEFT JOIN blocks b ON b.id = o.block_id LEFT JOIN packs p ON p.id = b.pack_id"
                    + " ORDER BY b.pack_id, b.offset, o.offset");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(ObjectId.fromBytes(rs.getBytes(1)), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                            rs.getLong(6), rs.getInt(7), rs.getInt(8)));
                }
            }
            return out;
        });
    }

    /** Re-hashes every object; returns how many were checked. Damage goes to {@code damaged}. */
    long verify(Consumer<ObjectStore.Damage> damaged, Progress progress) {
        List<Row> rows = rows();
        progress.start("Checking objects", rows.size(), "objects");
        MessageDigest md = Hashing.newDigest();
        try {
            int i = 0;
            while (i < rows.size()) {
                Row first = rows.get(i);
                if (first.blockId() == 0) {
                    verifyLoose(first, md, damaged);
                    progress.advance(1);
                    i++;
                    continue;
                }
                // Rows come ordered by pack and offset, so one block's rows are contiguous.
                int end = i;
                while (end < rows.size() && rows.get(end).blockId() == first.blockId()) {
                    end++;
                }
                verifyBlock(rows.subList(i, end), md, damaged);
                progress.advance(end - i);
                i = end;
            }
        } finally {
            progress.finish();
        }
        return rows.size();
    }

    private void verifyBlock(List<Row> inBlock, MessageDigest md, Consumer<ObjectStore.Damage> damaged) {
        Row first = inBlock.get(0);
        byte[] block;
        try {
            block = store.readBlock(first.id(), first.location());
            String header = checkHeader(new ArrayList<>(inBlock), first);
            if (header != null) {
                damaged.accept(new ObjectStore.Damage(first.id(), "the header of its block in " + first.pack() + " is damaged: " + header));
            }
        } catch (IOException | OmniException e) {
            String why = e instanceof CorruptObjectException ce ? ce.getMessage() : String.valueOf(e.getMessage());
            for (Row r : inBlock) {
                damaged.accept(new ObjectStore.Damage(r.id(), "its block cannot be read: " + why));
            }
            return;
        }
        for (Row r : inBlock) {
            if (r.offset() + r.size() > block.length) {
                damaged.accept(new ObjectStore.Damage(r.id(), "extends past the end of its block"));
                continue;
            }
            md.update(block, r.offset(), (int) r.size());
            if (!Hashing.finish(md).equals(r.id())) {
                damaged.accept(new ObjectStore.Damage(r.id(), "content does not match its id"));
            }
        }
    }

    /**
     * Compares a block's header in the pack (what makes a pack readable without the index) with the
     * index rows of that block; null when they agree.
     */
    private String checkHeader(List<Row> inBlock, Row first) throws IOException {
        int len = PackFormat.headerLength(inBlock.size());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(len);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(store.home().packs().resolve(first.pack()))) {
            long pos = first.blockOffset() - len;
            while (b.hasRemaining()) {
                if (ch.read(b, pos + b.position()) < 0) {
                    return "truncated";
                }
            }
        }
        b.flip();
        if (b.getInt() != PackFormat.BLOCK_MAGIC || b.getInt() != inBlock.size() || b.getInt() != first.rlen()
                || b.getInt() != first.clen()) {
            return "counts or lengths differ from the index";
        }
        byte[] id = new byte[ObjectId.LENGTH];
        // An empty object shares its offset with the next one; the header lists it first.
        inBlock.sort(Comparator.comparingInt(Row::offset).thenComparingLong(Row::size));
        for (Row x : inBlock) {
            b.get(id);
            if (!ObjectId.fromBytes(id).equals(x.id()) || b.getInt() != x.size()) {
                return "it names other objects than the index";
            }
        }
        return null;
    }

    private void verifyLoose(Row r, MessageDigest md, Consumer<ObjectStore.Damage> damaged) {
        Path f = store.looseFile(r.id());
        if (!Files.isRegularFile(f)) {
            damaged.accept(new ObjectStore.Damage(r.id(), "its file " + f.getFileName() + " is missing"));
            return;
        }
        long n = 0;
        try (InputStream in = store.open(r.id())) {
            byte[] buf = new byte[1 << 20];
            int k;
            while ((k = in.read(buf)) > 0) {
                md.update(buf, 0, k);
                n += k;
            }
        } catch (IOException | OmniException e) {
            md.reset();
            damaged.accept(new ObjectStore.Damage(r.id(), "cannot be read: " + e.getMessage()));
            return;
        }
        if (n != r.size() || !Hashing.finish(md).equals(r.id())) {
            damaged.accept(new ObjectStore.Damage(r.id(), "content does not match its id"));
        }
    }

    /** Deletes every object not in {@code live}, rewriting packs so their space is given back. */
    ObjectStore.Collected collect(Set<ObjectId> live, Set<ObjectId> treeIds, boolean dryRun, Progress progress) throws IOException {
        List<Row> rows = rows();
        Map<String, List<Row>> byPack = new LinkedHashMap<>();
        List<Row> deadLoose = new ArrayList<>();
        long deadObjects = 0;
        long deadBytes = 0;
        for (Row r : rows) {
            boolean alive = live.contains(r.id());
            if (!alive) {
                deadObjects++;
                deadBytes += r.size();
            }
            if (r.blockId() == 0) {
                if (!alive) {
                    deadLoose.add(r);
                }
            } else {
                byPack.computeIfAbsent(r.pack(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Long> packSizes = packSizes();
        Set<String> rewrite = new HashSet<>();
        for (Map.Entry<String, List<Row>> e : byPack.entrySet()) {
            if (e.getValue().stream().anyMatch(r -> !live.contains(r.id()))) {
                rewrite.add(e.getKey());
            }
        }
        long small = packSizes.values().stream().filter(s -> s < SMALL_PACK).count();
        if (small >= MANY_PACKS) {
            packSizes.forEach((name, size) -> {
                if (size < SMALL_PACK) {
                    rewrite.add(name);
                }
            });
        }
        Set<String> emptyPacks = new HashSet<>(packSizes.keySet());
        emptyPacks.removeAll(byPack.keySet());
        List<Path> stray = strayFiles(packSizes.keySet(), rows);
        long before = diskUsage();
        if (dryRun) {
            return new ObjectStore.Collected(deadObjects, deadBytes, rewrite.size(), emptyPacks.size(), 0, before, before, stray.size());
        }
        long moved = 0;
        progress.start("Repacking", rewrite.size(), "packs");
        try (PackInserter mover = new PackInserter(store, true)) {
            for (String pack : rewrite) {
                List<Row> packRows = byPack.getOrDefault(pack, List.of());
                Map<Long, byte[]> blocks = new HashMap<>();
                for (Row r : packRows) {
                    if (!live.contains(r.id())) {
                        continue;
                    }
                    byte[] block = blocks.computeIfAbsent(r.blockId(), b -> {
                        try {
                            return store.readBlock(r.id(), r.location());
                        } catch (IOException ex) {
                            throw new CorruptObjectException(r.id(), ex.getMessage());
                        }
                    });
                    if (treeIds.contains(r.id())) {
                        mover.insertTree(r.id(), java.util.Arrays.copyOfRange(block, r.offset(), r.offset() + (int) r.size()));
                    } else {
                        mover.insert(r.id(), block, r.offset(), (int) r.size());
                    }
                    moved++;
                }
                progress.advance(1);
            }
            mover.flush();
            Set<String> dropPacks = new HashSet<>(rewrite);
            dropPacks.addAll(emptyPacks);
            store.db().write(c -> {
                // Dead rows go; moved rows are replaced by the mover's commit.
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM objects WHERE id = ?")) {
                    for (Row r : rows) {
                        if (!live.contains(r.id())) {
                            ps.setBytes(1, r.id().toBytes());
                            ps.addBatch();
                        }
                    }
                    ps.executeBatch();
                }
                mover.commit();
                try (PreparedStatement blocksOf = c.prepareStatement("DELETE FROM blocks WHERE pack_id = (SELECT id FROM packs WHERE name = ?)");
                     PreparedStatement pack = c.prepareStatement("DELETE FROM packs WHERE name = ?")) {
                    for (String name : dropPacks) {
                        blocksOf.setString(1, name);
                        blocksOf.executeUpdate();
                        pack.setString(1, name);
                        pack.executeUpdate();
                    }
                }
                return null;
            });
            store.invalidate();
            int deleted = 0;
            for (String name : dropPacks) {
                if (Files.deleteIfExists(store.home().packs().resolve(name))) {
                    deleted++;
                }
            }
            for (Row r : deadLoose) {
                Files.deleteIfExists(store.looseFile(r.id()));
            }
            for (Path p : stray) {
                Files.deleteIfExists(p);
            }
            return new ObjectStore.Collected(deadObjects, deadBytes, rewrite.size(), deleted, moved, before, diskUsage(), stray.size());
        } finally {
            progress.finish();
        }
    }

    private Map<String, Long> packSizes() {
        return store.db().read(c -> {
            Map<String, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, bytes FROM packs"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** Files no index row points at: packs of crashed writes, loose files, temp files. */
    private List<Path> strayFiles(Set<String> packs, List<Row> rows) throws IOException {
        List<Path> out = new ArrayList<>();
        Path packDir = store.home().packs();
        if (Files.isDirectory(packDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(packDir)) {
                for (Path p : ds) {
                    if (!packs.contains(p.getFileName().toString())) {
                        out.add(p);
                    }
                }
            }
        }
        Set<Path> loose = new HashSet<>();
        for (Row r : rows) {
            if (r.blockId() == 0) {
                loose.add(store.looseFile(r.id()));
            }
        }
        Path objects = store.home().objects();
        if (Files.isDirectory(objects)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(objects, p -> p.getFileName().toString().length() == 2)) {
                for (Path d : ds) {
                    try (DirectoryStream<Path> fs = Files.newDirectoryStream(d)) {
                        for (Path f : fs) {
                            if (!loose.contains(f)) {
                                out.add(f);
                            }
                        }
                    }
                }
            }
        }
        Path tmp = store.home().tmp();
        if (Files.isDirectory(tmp)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** Bytes the object store occupies on disk (packs and loose files). */
    long diskUsage() throws IOException {
        Path objects = store.home().objects();
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        try (var s = Files.walk(objects)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
